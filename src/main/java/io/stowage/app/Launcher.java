package io.stowage.app;

import io.stowage.cli.Cli;

/**
 * The entry point of {@code java -jar stowage.jar}: the desktop application without arguments, the command
 * line with them. It does not extend Application, so the command line never loads JavaFX.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Whether the arguments are one JSON file to open in the desktop application, as a file manager passes a
     * double-clicked {@code *.stowage.json} (or task-definition file) to the installed launcher.
     */
    static boolean opensDocument(String[] args) {
        return args.length == 1 && args[0].toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]));
    }

    public static void main(String[] args) {
        startLog();
        if (args.length > 0 && !opensDocument(args)) {
            System.exit(Cli.run(args));
        }
        if (!DisplayCheck.hasDisplay()) {
            System.err.println("stowage: no display to open the desktop application on (DISPLAY is not set)."
                    + " Run it in a graphical session, or use a command: java -jar stowage.jar --help");
            System.exit(2);
        }
        try {
            DesktopLauncher.launch(args);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // JavaFX says why it cannot open a window (no GTK 3, no display); the user needs that, not a trace.
            System.err.println("stowage: cannot open the desktop application: " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("GTK") ? " (install GTK 3, e.g. apt-get install libgtk-3-0)" : ""));
            System.exit(2);
        }
    }

    /** The log file under the user's Stowage folder; a folder that cannot be made costs the log, not the app. */
    private static void startLog() {
        try {
            io.stowage.logging.StowageLog.toFile(io.stowage.logging.StowageLog.folder());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("stowage: no log file (" + e + ")");
        }
    }
}
