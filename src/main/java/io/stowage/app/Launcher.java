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
        if (args.length == 0) {
            DesktopLauncher.launch(args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
