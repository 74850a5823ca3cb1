package io.stowage.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** The command line: {@code stowage COMMAND ...}. Exit 0 on success, 1 when findings are errors, 2 for unusable input, 4 when no Docker engine answers. */
public final class Cli {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int UNUSABLE_INPUT = 2;
    /** A local-run command found no Docker engine to talk to. */
    public static final int NO_ENGINE = 4;

    private Cli() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new StowageCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // A bug of ours, not a user error: one line, and the trace only when asked for.
            cmd.getErr().println("stowage: internal error: " + ex);
            if (Boolean.getBoolean("stowage.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return 3;
        });
        return commandLine.execute(args);
    }
}
