package io.stowage.model.runtime;

/**
 * What a container's exit code means, in words a person reads at a glance: {@code 137: killed (SIGKILL), not out of
 * memory}. Codes above 128 are 128 plus the signal that ended the process; 137 is told apart by the container's
 * OOMKilled state, which the local engine and ECS both report as the reason {@code OutOfMemoryError: ...}.
 */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** The code with its meaning, e.g. {@code 143: stopped by SIGTERM}; "" when the code is unknown. */
    public static String explain(ContainerState container) {
        return container.exitCode() == null ? "" : explain(container.exitCode(), outOfMemory(container));
    }

    /** Whether the container was killed for going over its memory limit (Docker's OOMKilled). */
    public static boolean outOfMemory(ContainerState container) {
        return container.reason() != null && container.reason().startsWith("OutOfMemoryError");
    }

    /** The code with its meaning; {@code outOfMemory} is the container's OOMKilled state. */
    public static String explain(int code, boolean outOfMemory) {
        return code + ": " + meaning(code, outOfMemory);
    }

    static String meaning(int code, boolean outOfMemory) {
        return switch (code) {
            case 0 -> "finished, no error";
            case 1 -> "error (the application's own failure)";
            case 2 -> "error: wrong arguments or shell misuse";
            case 125 -> "Docker could not run the container";
            case 126 -> "the command is not executable";
            case 127 -> "command not found";
            case 130 -> "interrupted (SIGINT)";
            case 134 -> "aborted (SIGABRT)";
            case 137 -> outOfMemory ? "killed (SIGKILL) for using more memory than its limit (out of memory)"
                    : "killed (SIGKILL), not out of memory";
            case 139 -> "crashed: segmentation fault (SIGSEGV)";
            case 141 -> "broken pipe (SIGPIPE)";
            case 143 -> "stopped by SIGTERM";
            case 255 -> "error: exit status out of range";
            default -> code > 128 && code < 160 ? "ended by signal " + (code - 128)
                    : "error (the application's own code)";
        };
    }
}
