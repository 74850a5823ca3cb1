package io.stowage.app;

import io.stowage.cli.Cli;

/**
 * The entry point of {@code java -jar stowage.jar}: the desktop application without arguments, the command
 * line with them. It does not extend Application, so the command line never loads JavaFX.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
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
}
