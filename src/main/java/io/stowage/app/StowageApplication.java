package io.stowage.app;

import io.stowage.cli.StowageVersion;
import io.stowage.ui.shell.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The composition root of the desktop application. */
public final class StowageApplication extends Application {
    @Override
    public void start(Stage stage) {
        new MainWindow(StowageVersion.version()).show(stage);
    }
}
