package io.stowage.ui.live;

import io.stowage.model.runtime.LogLine;
import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.StatusLook;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One container's log, streaming: follow keeps the newest line in view, search filters the lines, copy takes
 * the selected lines (or all shown). Lines arrive on engine threads and reach the list in batches; the list
 * keeps the latest {@value #MAX_LINES}. The log of a stopped task stays readable.
 */
public final class LogPanel {
    public static final int MAX_LINES = 20_000;
    static final int TAIL = 1000;

    private final io.stowage.ui.common.TaskExecutor workers;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final ListView<LogLine> list = new ListView<>(shown);
    private final Label subject = new Label("No container selected: choose Logs on a task's container.");
    private final TextField search = new TextField();
    private final ToggleButton follow = new ToggleButton("Follow");
    private final BorderPane root = new BorderPane();
    private AutoCloseable stream;
    private long generation;

    public LogPanel(io.stowage.ui.common.TaskExecutor workers) {
        this.workers = workers;
        list.setId("log-lines");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getStyleClass().add("log-text");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : line.text());
                pseudoClassStateChanged(StatusLook.FAILED, !empty && line != null && line.stderr());
            }
        });
        subject.setId("log-subject");
        search.setId("log-search");
        search.setPromptText("Search");
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = search.getText() == null ? "" : search.getText().toLowerCase(Locale.ROOT);
            return line -> needle.isEmpty() || line.text().toLowerCase(Locale.ROOT).contains(needle);
        }, search.textProperty()));
        follow.setId("log-follow");
        follow.setSelected(true);
        follow.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                scrollToEnd();
            }
        });
        Button copy = new Button("Copy");
        copy.setId("log-copy");
        copy.setOnAction(e -> copy());
        HBox bar = new HBox(8, subject, search, follow, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("live-toolbar");
        HBox.setHgrow(subject, Priority.ALWAYS);
        subject.setMaxWidth(Double.MAX_VALUE);
        root.setTop(bar);
        root.setCenter(list);
        root.setId("log-panel");
    }

    /** How many lines the panel holds (at most {@link #MAX_LINES}; the oldest go first). */
    public int lineCount() {
        return lines.size();
    }

    public Node node() {
        return root;
    }

    /** Streams one container's log, replacing what was shown; reading starts on a worker. */
    public void show(LogSource source, TaskState task, String container) {
        stop();
        long mine = ++generation;
        lines.clear();
        subject.setText(container + "  ·  task " + task.shortId() + (task.isStopped() ? "  (stopped)" : ""));
        PulseBatcher<LogLine> batcher = new PulseBatcher<>(batch -> {
            if (mine == generation) {
                append(batch);
            }
        });
        boolean live = !task.isStopped();
        workers.task("Reading the log of " + container, progress -> {
            try {
                AutoCloseable opened = source.lines(task, container, TAIL, live, batcher::add);
                synchronized (this) {
                    if (mine == generation) {
                        stream = opened;
                        return null;
                    }
                }
                close(opened);
            } catch (RuntimeException unreadable) {
                batcher.add(new LogLine(null, true, "(logs unavailable: " + unreadable.getMessage() + ")"));
            }
            return null;
        }).quiet().onFailure(failure -> batcher.add(new LogLine(null, true, "(logs unavailable: "
                + io.stowage.ui.common.TaskExecutor.describe(failure) + ")"))).start();
    }

    /** Stops streaming; what was shown stays. */
    public synchronized void stop() {
        generation++;
        close(stream);
        stream = null;
    }

    List<String> shownText() {
        return shown.stream().map(LogLine::text).toList();
    }

    private void append(List<LogLine> batch) {
        lines.addAll(batch);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
        if (follow.isSelected()) {
            scrollToEnd();
        }
    }

    private void scrollToEnd() {
        if (!shown.isEmpty()) {
            list.scrollTo(shown.size() - 1);
        }
    }

    private void copy() {
        List<LogLine> chosen = list.getSelectionModel().getSelectedItems();
        List<LogLine> taken = chosen.isEmpty() ? shown : chosen;
        ClipboardContent content = new ClipboardContent();
        content.putString(taken.stream().map(LogLine::text).collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception alreadyGone) {
            // The stream ended on its own; nothing to stop.
        }
    }
}
