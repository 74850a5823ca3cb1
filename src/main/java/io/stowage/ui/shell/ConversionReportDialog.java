package io.stowage.ui.shell;

import io.stowage.format.ConversionReport;
import io.stowage.model.design.DesignNote;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What an import or export could not carry over exactly, item by item (what happened, where, why), and the notes on
 * what was assumed, in a window of its own that stays open beside the design; Copy puts the list on the clipboard
 * as the command line prints it.
 */
final class ConversionReportDialog {
    /** One line of the table. */
    record Row(String kind, String where, String message, String source) {
    }

    private ConversionReportDialog() {
    }

    /**
     * @param id      the dialog pane's id, for tests and style
     * @param summary a sentence saying what was done
     */
    static Alert show(Window owner, String id, String title, String summary, ConversionReport report,
                      List<DesignNote> notes) {
        List<Row> rows = rows(report, notes);
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setTitle(title);
        alert.setHeaderText(summary);
        alert.getDialogPane().setId(id);
        if (owner != null && owner.getScene() != null) {
            alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label explained = new Label(rows.isEmpty() ? "Everything carried over as it is."
                : "Not mapped: left out, the target has nothing it could become. Approximated: carried over, "
                + "meaning something a little different. Assumed: the source did not say, a value was chosen. "
                + "Note: how the design was sized.");
        explained.setWrapText(true);
        VBox content = new VBox(8, explained);
        if (!rows.isEmpty()) {
            TableView<Row> table = new TableView<>();
            table.setId(id + "-items");
            table.getColumns().add(column("What", 110, Row::kind));
            TableColumn<Row, String> where = column("Where", 260, Row::where);
            where.setCellFactory(c -> new SourceCell());
            table.getColumns().add(where);
            TableColumn<Row, String> why = column("Why", 520, Row::message);
            why.setCellFactory(c -> new WrappingCell());
            table.getColumns().add(why);
            table.getItems().setAll(rows);
            table.setPrefHeight(Math.min(420, 60 + 26 * rows.size()));
            VBox.setVgrow(table, Priority.ALWAYS);
            content.getChildren().add(table);
            ButtonType copy = new ButtonType("Copy", ButtonBar.ButtonData.LEFT);
            alert.getButtonTypes().add(copy);
            // Copying keeps the window open: the button's own action is consumed.
            alert.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
                ClipboardContent text = new ClipboardContent();
                text.putString(String.join(System.lineSeparator(), lines(report, notes)));
                Clipboard.getSystemClipboard().setContent(text);
                e.consume();
            });
        }
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setPrefWidth(rows.isEmpty() ? 480 : 920);
        alert.setResizable(true);
        alert.show();
        return alert;
    }

    /**
     * The rows: where is the path in the source and the line (with the file's name when the items come from more
     * than one file); the full file:line:column is the row's source, shown as the tooltip.
     */
    static List<Row> rows(ConversionReport report, List<DesignNote> notes) {
        long files = report.items().stream().map(ConversionReport.Item::file).filter(java.util.Objects::nonNull)
                .distinct().count();
        List<Row> rows = new ArrayList<>();
        for (ConversionReport.Item item : report.items()) {
            String where = item.path();
            String source = "";
            if (item.file() != null) {
                String at = item.position() == null ? "" : ":" + item.position().line() + ":" + item.position().column();
                source = item.file() + at;
                String line = files > 1 ? item.file().getFileName() + (item.position() == null ? ""
                        : ":" + item.position().line()) : item.position() == null ? "" : "line " + item.position().line();
                where = line.isEmpty() ? where : where.isEmpty() ? line : where + "  (" + line + ")";
            }
            rows.add(new Row(item.kind().label(), where, item.message(), source));
        }
        for (DesignNote note : notes) {
            rows.add(new Row("note", note.about() == null ? "" : note.about().toString(), note.message(), ""));
        }
        return rows;
    }

    private static List<String> lines(ConversionReport report, List<DesignNote> notes) {
        List<String> lines = new ArrayList<>(report.items().stream().map(Object::toString).toList());
        notes.forEach(n -> lines.add("note: " + n));
        return lines;
    }

    /** A cell whose tooltip names the file, line and column of its row. */
    private static final class SourceCell extends javafx.scene.control.TableCell<Row, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item);
            Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setTooltip(row == null || row.source().isEmpty() ? null : new javafx.scene.control.Tooltip(row.source()));
        }
    }

    /** A cell that wraps its text to the column's width, so that no reason is cut off. */
    private static final class WrappingCell extends javafx.scene.control.TableCell<Row, String> {
        private final javafx.scene.text.Text text = new javafx.scene.text.Text();

        WrappingCell() {
            text.wrappingWidthProperty().bind(widthProperty().subtract(12));
            text.getStyleClass().add("report-text");
            setPrefHeight(USE_COMPUTED_SIZE);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            text.setText(empty || item == null ? "" : item);
            setGraphic(empty ? null : text);
        }
    }

    private static TableColumn<Row, String> column(String title, double width, Function<Row, String> value) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
