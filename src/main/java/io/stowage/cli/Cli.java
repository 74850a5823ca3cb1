package io.stowage.cli;

import io.stowage.logging.StowageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The command line: {@code stowage COMMAND ...}. Exit 0 on success, 1 when findings are errors, 2 for unusable input, 4 when no Docker engine answers. */
public final class Cli {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int UNUSABLE_INPUT = 2;
    /** A local-run command found no Docker engine to talk to. */
    public static final int NO_ENGINE = 4;
    /** A bug of ours: the command ended with an exception no command turned into a message. */
    public static final int INTERNAL_ERROR = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new StowageCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(parseResult -> {
            if (!verbose(parseResult)) {
                return new CommandLine.RunLast().execute(parseResult);
            }
            try (StowageLog.Verbose ignored = StowageLog.verbose(err)) {
                LOG.debug("stowage {} {} on Java {}", StowageVersion.version(), commandName(parseResult),
                        System.getProperty("java.version"));
                return new CommandLine.RunLast().execute(parseResult);
            }
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> internalError(ex, cmd.getCommandName(), cmd.getErr()));
        return commandLine.execute(args);
    }

    /**
     * A bug of ours, not a user error: one line on the screen, the stack trace in the log (and on the screen too
     * with {@code -Dstowage.debug=true}).
     */
    static int internalError(Throwable ex, String command, PrintWriter err) {
        LOG.error("internal error in stowage {}", command, ex);
        err.println("stowage: internal error: " + ex
                + (StowageLog.writingToFile() ? " (the stack trace is in " + StowageLog.file() + ")" : ""));
        if (Boolean.getBoolean("stowage.debug")) {
            ex.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String commandName(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult level = parseResult;
        while (level.subcommand() != null) {
            level = level.subcommand();
        }
        return level.commandSpec().name();
    }
}
