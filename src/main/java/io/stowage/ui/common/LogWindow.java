package io.stowage.ui.common;

import io.stowage.logging.Diagnostics;
import io.stowage.logging.StowageLog;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/**
 * Help › Show Log: the end of Stowage's log file, where it is, and "Copy Diagnostics", which puts what a bug
 * report needs (versions, platform, engines pointed at, the log's last lines) on the clipboard.
 */
public final class LogWindow {
    static final int LINES_SHOWN = 1000;
    private final Stage stage = new Stage();
    private final TextArea text = new TextArea();
    private final Label status = new Label();

    private LogWindow(Window owner, String version) {
        text.setId("log-text");
        text.setEditable(false);
        text.getStyleClass().add("log-text");
        Label where = new Label(StowageLog.file().toString()
                + (StowageLog.writingToFile() ? "" : " (this window's process does not write a log file)"));
        where.setId("log-file");
        Button refresh = new Button("Refresh");
        refresh.setId("log-refresh");
        refresh.setOnAction(e -> reload());
        Button copy = new Button("Copy Diagnostics");
        copy.setId("log-copy-diagnostics");
        copy.setOnAction(e -> {
            copyDiagnostics(version);
            status.setText("Diagnostics copied: paste them into the bug report.");
        });
        status.setId("log-status");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, where, gap, status, refresh, copy);
        bar.setPadding(new Insets(8));
        BorderPane root = new BorderPane(text);
        root.setBottom(bar);
        root.setId("log-window");
        Scene scene = new Scene(root, 900, 520);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        Theme.applyCurrent(scene);
        stage.setScene(scene);
        EscapeCloses.install(stage);
        stage.setTitle("Log — Stowage");
        reload();
    }

    /** Opens the window over {@code owner}, showing the log as it is now. */
    public static LogWindow show(Window owner, String version) {
        LogWindow window = new LogWindow(owner, version);
        window.stage.show();
        return window;
    }

    /** Puts the diagnostics report on the clipboard. */
    public static void copyDiagnostics(String version) {
        ClipboardContent content = new ClipboardContent();
        content.putString(Diagnostics.text(version, System.getenv()));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void reload() {
        List<String> lines = StowageLog.tail(LINES_SHOWN);
        text.setText(lines.isEmpty() ? "(nothing logged yet)" : String.join("\n", lines) + "\n");
        text.positionCaret(text.getLength());
        status.setText("");
    }

    Stage stage() {
        return stage;
    }
}
