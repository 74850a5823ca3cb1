package io.stowage.app;

/** Kept apart from {@link Launcher} so that the command line never touches a JavaFX class. */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch(String[] args) {
        // Named in the refusal a second run of a design gets while the desktop runs it.
        io.stowage.engine.local.RunLock.describeThisProcess("the Stowage desktop");
        javafx.application.Application.launch(StowageApplication.class, args);
    }
}
