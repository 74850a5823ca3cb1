package io.stowage.ui.shell;

import io.stowage.format.document.OpenDocument;
import io.stowage.format.ConversionReport;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.compose.ComposeImport;
import io.stowage.format.compose.ImportAdvice;
import io.stowage.format.imports.DesignImport;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.design.DesignNote;
import io.stowage.ui.common.Job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * File › Import: compose files (with their override files and the profiles to import, as {@code stowage import}
 * takes them) or task-definition files become a new untitled design, and the import report says what did not map,
 * item by item. Reading and converting run on the window's worker; a file that cannot be read is named, with the
 * line and column or JSON path, and nothing else changes.
 */
final class ImportActions {
    /** An import reads, then asks, then builds: one at a time, so that two never race to replace the document. */
    static final io.stowage.ui.common.TaskExecutor.Lane IMPORTS =
            io.stowage.ui.common.TaskExecutor.Lane.refusing("one import at a time");
    static final List<FileChoices.Filter> FILTERS = List.of(
            new FileChoices.Filter("Compose files and task definitions", List.of("*.yml", "*.yaml", "*.json")),
            new FileChoices.Filter("Compose files", List.of("*.yml", "*.yaml")),
            new FileChoices.Filter("Task definitions", List.of("*.json")),
            new FileChoices.Filter("All files", List.of("*")));

    /** What an import gave: the design, what did not map, and a sentence saying what was imported. */
    record Imported(Design design, ConversionReport report, List<DesignNote> notes, String summary,
                    Map<String, String> secrets) {
        Imported(Design design, ConversionReport report, List<DesignNote> notes, String summary) {
            this(design, report, notes, summary, Map.of());
        }
    }

    /** The compose files to offer (with the override files found beside them) and the profiles they use. */
    record ComposeFiles(List<Path> files, List<String> profiles) {
    }

    /** The report's advice names the choices of the import dialog, not the command line's options. */
    private static final ImportAdvice ADVICE = new ImportAdvice(
            "with \u201cAll services in one task definition\u201d ticked", "with the profile %s ticked",
            "by ticking it in the import dialog",
            "with \u201cWrite the values of .env and env_file into the design\u201d ticked");

    private final MainWindow window;

    ImportActions(MainWindow window) {
        this.window = window;
    }

    /** Asks about unsaved changes, then for the files, then imports them. */
    void importFiles() {
        if (!window.files().confirmDiscard("importing")) {
            return;
        }
        List<Path> files = window.fileChoices().openFiles(window.stage(), new FileChoices.Request(
                "Import compose files or task-definition files", currentDirectory(), null, FILTERS));
        if (!files.isEmpty()) {
            importNow(files);
        }
    }

    /** Imports the files (the user was asked about unsaved changes): compose files after their options. */
    void importNow(List<Path> chosen) {
        List<Path> files = chosen.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        if (files.stream().noneMatch(ComposeImport::isComposeFile)) {
            run("Importing " + describe(files), progress -> taskDefinitions(files), this::show);
            return;
        }
        try {
            DesignImport.files(files, true);
        } catch (UnreadableFileException mixed) {
            window.error("Cannot import " + mixed.file().getFileName(), mixed.getMessage());
            return;
        }
        Map<String, String> environment = System.getenv();
        run("Reading " + describe(files), progress -> composeFiles(files, environment), found -> {
            ComposeImportDialog dialog = new ComposeImportDialog(window.stage(), found.files(), found.profiles(),
                    environment, this::moreComposeFiles, window.tasks());
            dialog.showAndWait().ifPresent(choice -> run("Importing " + describe(choice.files()),
                    progress -> compose(choice, environment), this::show));
        });
    }

    /** The chosen files with the override files {@code stowage import} and {@code docker compose} find beside them. */
    static ComposeFiles composeFiles(List<Path> chosen, Map<String, String> environment)
            throws UnreadableFileException {
        DesignImport.Files files = DesignImport.files(chosen, true);
        return new ComposeFiles(files.files(), DesignImport.profiles(files, environment));
    }

    static Imported compose(ComposeImportDialog.Choice choice, Map<String, String> environment)
            throws UnreadableFileException {
        // The dialog shows the override files found already; the user may have removed one, so none is added here.
        // An untitled design has no directory yet: build contexts are kept absolute, right wherever it is saved.
        DesignImport.Result result = DesignImport.read(DesignImport.files(choice.files(), false),
                new DesignImport.Options(null, choice.profiles(), choice.singleTask(), null, environment, ADVICE,
                        choice.inlineEnvFiles()));
        int services = result.imported();
        String summary = "Imported " + services + " compose service" + (services == 1 ? "" : "s") + " (project "
                + result.project() + ")" + (choice.singleTask() ? " as containers of one task definition"
                : " as task definitions and services") + "; " + count(result.report()) + " did not map exactly"
                + (result.secrets().isEmpty() ? "" : "; " + result.secrets().size() + " value"
                + (result.secrets().size() == 1 ? "" : "s") + " of .env and env_file kept out of the design, for the "
                + "secrets file beside it when it is saved");
        return new Imported(result.design(), result.report(), result.notes(), summary, result.secrets());
    }

    static Imported taskDefinitions(List<Path> files) throws UnreadableFileException {
        DesignImport.Result result = DesignImport.read(DesignImport.files(files, false),
                new DesignImport.Options(null, List.of(), false, null, Map.of(), ADVICE, false));
        String summary = "Imported " + result.imported() + " task definition" + (result.imported() == 1 ? "" : "s")
                + " as services of cluster '" + DesignFromTaskDefinitions.CLUSTER_ID + "'";
        return new Imported(result.design(), result.report(), result.notes(), summary);
    }

    private void show(Imported imported) {
        window.display(OpenDocument.untitled(imported.design(), imported.secrets()));
        window.setStatus(imported.summary());
        ConversionReportDialog.show(window.stage(), "import-report", "Import report", imported.summary(),
                imported.report(), imported.notes());
    }

    private List<Path> moreComposeFiles() {
        return window.fileChoices().openFiles(window.stage(), new FileChoices.Request(
                "Add compose files to merge (an override file)", currentDirectory(), null, List.of(FILTERS.get(1))))
                .stream().map(f -> f.toAbsolutePath().normalize()).toList();
    }

    private <T> void run(String title, Job<T> job, Consumer<T> then) {
        window.tasks().task(title, job).in(IMPORTS).refusedAs("Cannot import now").onSuccess(then)
                .onFailure(failure -> window.error("Cannot import " + (failure instanceof UnreadableFileException u
                        && u.file() != null ? u.file().getFileName() : "the files"), FileProblems.describe(failure)))
                .start();
    }

    private Path currentDirectory() {
        Path current = window.document() == null ? null : window.document().file();
        return current == null ? null : current.toAbsolutePath().getParent();
    }

    private static String describe(List<Path> files) {
        return files.get(0).getFileName() + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : "");
    }

    private static String count(ConversionReport report) {
        int n = report.items().size();
        return n == 0 ? "nothing" : n + " item" + (n == 1 ? "" : "s");
    }
}
