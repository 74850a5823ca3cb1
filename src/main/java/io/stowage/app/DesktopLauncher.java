package io.stowage.app;

/** Kept apart from {@link Launcher} so that the command line never touches a JavaFX class. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch(String[] args) {
        javafx.application.Application.launch(StowageApplication.class, args);
    }
}
