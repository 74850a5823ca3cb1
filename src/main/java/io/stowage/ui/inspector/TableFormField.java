package io.stowage.ui.inspector;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.rules.Finding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An editable list: of objects (port mappings, environment), of strings (command), or a string map shown as
 * key/value rows (docker labels, log options). Rows can be added, removed and moved; a cell commits the whole
 * list on Enter or focus loss, as one edit. Members of a row's object that have no column are kept.
 */
final class TableFormField extends FormField {
    enum Source { OBJECTS, STRINGS, MAP }

    enum Kind { TEXT, INT, CHOICE, BOOL }

    record Column(String key, String header, Kind kind, List<String> choices) {
        static Column text(String key, String header) {
            return new Column(key, header, Kind.TEXT, List.of());
        }

        static Column integer(String key, String header) {
            return new Column(key, header, Kind.INT, List.of());
        }
    }

    private static final double BUTTONS_WIDTH = 92;

    private final Source source;
    private final List<Column> columns;
    private final VBox root = new VBox(4);
    private final VBox rowBox = new VBox(3);
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Control> cellsByFindingPath = new HashMap<>();
    private Json shownValue;
    private HBox header;
    private boolean built;

    private final class Row {
        final JsonObject base;
        final List<Control> cells = new ArrayList<>();

        Row(JsonObject base) {
            this.base = base;
        }
    }

    TableFormField(FormContext context, String local, String label, Source source, List<Column> columns) {
        super(context, local, label);
        this.source = source;
        this.columns = List.copyOf(columns);
        root.getStyleClass().add("form-table");
        if (columns.size() > 1 || !columns.get(0).header().isEmpty()) {
            HBox header = new HBox(4);
            for (Column column : columns) {
                Label l = new Label(column.header());
                l.getStyleClass().add("form-table-header");
                l.setMaxWidth(Double.MAX_VALUE);
                l.setMinWidth(minWidth(column));
                HBox.setHgrow(l, Priority.ALWAYS);
                l.setPrefWidth(40);
                header.getChildren().add(l);
            }
            javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
            spacer.setMinWidth(BUTTONS_WIDTH);
            spacer.setPrefWidth(BUTTONS_WIDTH);
            header.getChildren().add(spacer);
            root.getChildren().add(header);
            this.header = header;
        }
        Button add = new Button("Add");
        add.setId(context.fieldId(local) + "-add");
        add.getStyleClass().add("form-table-add");
        add.setOnAction(e -> addRow());
        root.getChildren().addAll(rowBox, add);
        refresh(context.json());
    }

    @Override
    Node control() {
        return root;
    }

    @Override
    boolean wide() {
        return true;
    }

    @Override
    void focus() {
        if (!rows.isEmpty() && !rows.get(0).cells.isEmpty()) {
            rows.get(0).cells.get(0).requestFocus();
        } else {
            root.getChildren().get(root.getChildren().size() - 1).requestFocus();
        }
    }

    @Override
    void refresh(JsonObject json) {
        Json value = JsonTree.get(json, local);
        if (built && Objects.equals(value, shownValue)) {
            return;
        }
        built = true;
        shownValue = value;
        rows.clear();
        if (source == Source.MAP && value instanceof JsonObject map) {
            map.members().forEach((k, v) -> rows.add(rowOf(JsonObject.builder().put("key", k)
                    .put("value", v).build())));
        } else if (value instanceof JsonArray array) {
            for (Json item : array.items()) {
                if (source == Source.STRINGS) {
                    rows.add(rowOf(JsonObject.builder().put("value", item).build()));
                } else {
                    rows.add(rowOf(item instanceof JsonObject o ? o : JsonObject.EMPTY));
                }
            }
        }
        layoutRows();
        clearInputError();
    }

    private Row rowOf(JsonObject base) {
        return new Row(base);
    }

    private String cellKey(Column column) {
        return source == Source.STRINGS ? "value" : column.key();
    }

    private String cellPath(int index, Column column) {
        return switch (source) {
            case STRINGS -> local + "[" + index + "]";
            case OBJECTS -> local + "[" + index + "]." + column.key();
            case MAP -> local + "[" + index + "]." + column.key();
        };
    }

    private void layoutRows() {
        if (header != null) {
            header.setVisible(!rows.isEmpty());
            header.setManaged(!rows.isEmpty());
        }
        rowBox.getChildren().clear();
        cellsByFindingPath.clear();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            row.cells.clear();
            HBox line = new HBox(4);
            line.getStyleClass().add("form-table-row");
            for (Column column : columns) {
                Control cell = cell(row, i, column);
                cell.setId(context.fieldId(cellPath(i, column)));
                cell.setMaxWidth(Double.MAX_VALUE);
                cell.setPrefWidth(40);
                cell.setMinWidth(minWidth(column));
                HBox.setHgrow(cell, Priority.ALWAYS);
                row.cells.add(cell);
                line.getChildren().add(cell);
                cellsByFindingPath.put(context.located().findingPath(cellPath(i, column)), cell);
            }
            int index = i;
            line.getChildren().addAll(
                    rowButton("\u2191", "up", index, "Move up", () -> move(index, -1), index > 0),
                    rowButton("\u2193", "down", index, "Move down", () -> move(index, 1), index < rows.size() - 1),
                    rowButton("\u2715", "remove", index, "Remove", () -> remove(index), true));
            rowBox.getChildren().add(line);
        }
    }

    /** A list to choose from needs room for its value and arrow; a text cell for a short header. */
    private static double minWidth(Column column) {
        return column.kind() == Kind.CHOICE || column.kind() == Kind.BOOL ? 80 : 56;
    }

    private Button rowButton(String text, String what, int index, String tip, Runnable action, boolean enabled) {
        Button button = new Button(text);
        button.setId(context.fieldId(local) + "-" + index + "-" + what);
        button.getStyleClass().add("form-row-button");
        io.stowage.ui.common.HoverTips.set(button, tip);
        button.setFocusTraversable(false);
        button.setDisable(!enabled);
        button.setOnAction(e -> action.run());
        return button;
    }

    private Control cell(Row row, int index, Column column) {
        String text = JsonTree.text(row.base.get(cellKey(column)));
        if (column.kind() == Kind.CHOICE || column.kind() == Kind.BOOL) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().add("");
            box.getItems().addAll(column.kind() == Kind.BOOL ? List.of("true", "false") : column.choices());
            if (!box.getItems().contains(text)) {
                box.getItems().add(text);
            }
            box.setValue(text);
            box.setOnAction(e -> commitAll());
            return box;
        }
        TextField field = new TextField(text);
        io.stowage.ui.common.CommittedText.mark(field, text);
        field.setPromptText(column.header());
        field.setOnAction(e -> commitAll());
        field.focusedProperty().addListener((obs, was, is) -> {
            if (!is && field.getScene() != null) {
                commitAll();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                built = false;
                refresh(context.json());
                e.consume();
            }
        });
        return field;
    }

    private static String textOf(Control cell) {
        if (cell instanceof TextField field) {
            return field.getText() == null ? "" : field.getText();
        }
        @SuppressWarnings("unchecked")
        ComboBox<String> box = (ComboBox<String>) cell;
        return box.getValue() == null ? "" : box.getValue();
    }

    /** The list the rows show as JSON, or null when a cell holds something its column refuses. */
    private Json build() {
        List<Json> items = new ArrayList<>();
        JsonObject.Builder map = JsonObject.builder();
        int mapSize = 0;
        for (Row row : rows) {
            JsonObject object = row.base;
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Control cell = row.cells.get(c);
                String text = textOf(cell);
                Json value;
                if (text.isBlank()) {
                    value = null;
                } else if (column.kind() == Kind.INT) {
                    try {
                        value = JsonNumber.of(Long.parseLong(text.strip()));
                    } catch (NumberFormatException e) {
                        cell.getStyleClass().add(HAS_ERROR);
                        showInputError(column.header() + ": \"" + text.strip() + "\" is not a whole number");
                        return null;
                    }
                } else if (column.kind() == Kind.BOOL) {
                    value = JsonBool.of(Boolean.parseBoolean(text));
                } else {
                    value = new JsonString(text);
                }
                cell.getStyleClass().remove(HAS_ERROR);
                String key = cellKey(column);
                object = value == null ? object.without(key) : object.with(key, value,
                        context.binding().shape() == null ? List.of() : memberOrder());
            }
            switch (source) {
                case STRINGS -> {
                    if (object.get("value") != null) {
                        items.add(object.get("value"));
                    }
                }
                case MAP -> {
                    if (object.get("key") instanceof JsonString k) {
                        map.put(k.value(), object.get("value") == null ? new JsonString("") : object.get("value"));
                        mapSize++;
                    }
                }
                case OBJECTS -> {
                    if (!object.isEmpty()) {
                        items.add(object);
                    }
                }
            }
        }
        if (source == Source.MAP) {
            return mapSize == 0 ? JsonObject.EMPTY : map.build();
        }
        return JsonArray.of(items);
    }

    private List<String> memberOrder() {
        var shape = JsonTree.item(JsonTree.shapeAt(context.binding().shape(), local));
        return shape == null ? List.of() : shape.memberNames();
    }

    private void commitAll() {
        commitAll(true);
    }

    private void commitAll(boolean merge) {
        Json value = build();
        if (value == null) {
            return;
        }
        clearInputError();
        Json member = value instanceof JsonArray a && a.isEmpty() || value instanceof JsonObject o && o.isEmpty()
                ? null : value;
        if (Objects.equals(member, shownValue)) {
            return;
        }
        Json previous = shownValue;
        shownValue = member;
        if (!context.commit(local, member, merge)) {
            shownValue = previous;
            return;
        }
        // What the cells show is now the design's: Ctrl+Z in one of them undoes this edit, not the typing.
        for (Row row : rows) {
            for (Control cell : row.cells) {
                if (cell instanceof TextField field) {
                    io.stowage.ui.common.CommittedText.mark(field, field.getText());
                }
            }
        }
    }

    /**
     * A new, empty row after the others. What the cells show is kept first: a row typed into and not yet
     * committed (the click on Add is what takes the focus away) would otherwise be laid out again blank.
     */
    private void addRow() {
        commitAll();
        snapshotCells();
        rows.add(rowOf(JsonObject.EMPTY));
        layoutRows();
        rows.get(rows.size() - 1).cells.get(0).requestFocus();
    }

    private void remove(int index) {
        snapshotCells();
        rows.remove(index);
        layoutRows();
        commitAll(false);
    }

    private void move(int index, int by) {
        snapshotCells();
        Row row = rows.remove(index);
        rows.add(index + by, row);
        layoutRows();
        commitAll(false);
    }

    /** Keeps what the cells show in the rows before they are laid out again. */
    private void snapshotCells() {
        List<Row> copy = new ArrayList<>();
        for (Row row : rows) {
            JsonObject object = row.base;
            for (int c = 0; c < columns.size() && c < row.cells.size(); c++) {
                String text = textOf(row.cells.get(c));
                object = text.isEmpty() ? object.without(cellKey(columns.get(c)))
                        : object.with(cellKey(columns.get(c)), new JsonString(text));
            }
            copy.add(new Row(object));
        }
        rows.clear();
        rows.addAll(copy);
    }

    @Override
    void showFindings(List<Finding> value) {
        super.showFindings(value);
        cellsByFindingPath.values().forEach(c -> {
            c.getStyleClass().removeAll(HAS_ERROR, HAS_WARNING);
            io.stowage.ui.common.HoverTips.set(c, null);
        });
        for (Finding finding : value) {
            Control cell = cellsByFindingPath.get(finding.path());
            if (cell != null) {
                cell.getStyleClass().add(finding.isError() ? HAS_ERROR : HAS_WARNING);
                io.stowage.ui.common.HoverTips.set(cell, finding.message());
            }
        }
    }
}
