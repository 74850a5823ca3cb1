package io.stowage.format.compose;

/**
 * How an import report names the import's own choices when it advises one: the command line's options, or
 * the desktop's import dialog. Each phrase follows "import" or "choose one".
 *
 * @param singleTask    putting every service into one task definition, e.g. "with --single-task"
 * @param profileFormat activating the profile given as {@code %s}, e.g. "with --compose-profile %s"
 * @param anyProfile    activating some profile, e.g. "with --compose-profile"
 * @param inlineEnvFiles writing the values of .env and env_file into the design, e.g. "with --inline-env-files"
 */
public record ImportAdvice(String singleTask, String profileFormat, String anyProfile, String inlineEnvFiles) {
    public static final ImportAdvice COMMAND_LINE = new ImportAdvice("with --single-task",
            "with --compose-profile %s", "with --compose-profile", "with --inline-env-files");

    public ImportAdvice(String singleTask, String profileFormat, String anyProfile) {
        this(singleTask, profileFormat, anyProfile, COMMAND_LINE_INLINE);
    }

    private static final String COMMAND_LINE_INLINE = "with --inline-env-files";

    public String profile(String name) {
        return String.format(profileFormat, name);
    }
}
