package io.stowage.ui.inspector;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a form in code: sections (a titled pane each) of labelled fields bound to members of the element's
 * JSON by local path ({@code memory}, {@code healthCheck.interval}). Each field gets the id {@code field-} plus
 * its JSON path and a tooltip from the ECS schema.
 */
final class FormBuilder {
    private final FormContext context;
    private final VBox root = new VBox(6);
    private final List<FormField> fields = new ArrayList<>();
    private final Map<FormField, TitledPane> sections = new LinkedHashMap<>();
    private GridPane grid;
    private TitledPane pane;
    private int row;

    FormBuilder(FormContext context) {
        this.context = context;
        root.getStyleClass().add("inspector-form");
    }

    FormContext context() {
        return context;
    }

    FormBuilder section(String title) {
        return section(title, true);
    }

    FormBuilder section(String title, boolean expanded) {
        grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(92);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, controls);
        pane = new TitledPane(title, grid);
        pane.setId("section-" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        pane.getStyleClass().add("form-section");
        pane.setExpanded(expanded);
        pane.setAnimated(false);
        row = 0;
        root.getChildren().add(pane);
        return this;
    }

    FormBuilder text(String local, String label) {
        return add(new TextFormField(context, local, label, false));
    }

    FormBuilder integer(String local, String label) {
        return add(new TextFormField(context, local, label, true));
    }

    /** A choice among the enum values the schema gives the member. */
    FormBuilder choice(String local, String label) {
        return choice(local, label, context.enumValues(local));
    }

    FormBuilder choice(String local, String label, List<String> values) {
        return add(new ChoiceFormField(context, local, label, values));
    }

    FormBuilder check(String local, String label) {
        return add(new CheckFormField(context, local, label));
    }

    /** A list of strings, one per row; items from an enum are chosen, others typed. */
    FormBuilder stringList(String local, String label) {
        List<String> values = context.enumValues(local);
        TableFormField.Column column = values.isEmpty() ? TableFormField.Column.text("value", "")
                : new TableFormField.Column("value", "", TableFormField.Kind.CHOICE, values);
        return add(new TableFormField(context, local, label, TableFormField.Source.STRINGS, List.of(column)));
    }

    /** A list of objects, one per row, one column per member given. */
    FormBuilder table(String local, String label, TableFormField.Column... columns) {
        return add(new TableFormField(context, local, label, TableFormField.Source.OBJECTS, List.of(columns)));
    }

    /** A string map as key/value rows. */
    FormBuilder map(String local, String label) {
        return add(new TableFormField(context, local, label, TableFormField.Source.MAP,
                List.of(TableFormField.Column.text("key", "Key"), TableFormField.Column.text("value", "Value"))));
    }

    /** A column choosing among the enum values of a member of the list's items. */
    TableFormField.Column choiceColumn(String listLocal, String key, String header) {
        var item = JsonTree.item(context.binding().shape() == null ? null
                : JsonTree.shapeAt(context.binding().shape(), listLocal));
        List<String> values = item == null ? List.of() : item.member(key)
                .map(m -> JsonTree.safeShape(m.shapeName())).map(s -> s.enumValues() == null ? List.<String>of()
                        : s.enumValues()).orElse(List.of());
        return new TableFormField.Column(key, header, TableFormField.Kind.CHOICE, values);
    }

    private FormBuilder add(FormField field) {
        if (grid == null) {
            section("General");
        }
        Label label = new Label(field.label());
        label.getStyleClass().add("form-label");
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (field.wide()) {
            // A table alone in a section of its name needs no label of its own.
            if (!field.label().equals(pane.getText())) {
                label.getStyleClass().add("form-label-wide");
                grid.add(label, 0, row++, 2, 1);
                GridPane.setHalignment(label, HPos.LEFT);
            }
            grid.add(field.node(), 0, row++, 2, 1);
        } else {
            // Beside the control, not centred on it and its message line.
            GridPane.setValignment(label, javafx.geometry.VPos.TOP);
            label.setPadding(new javafx.geometry.Insets(4, 0, 0, 0));
            grid.add(label, 0, row);
            grid.add(field.node(), 1, row++);
        }
        label.setLabelFor(field.control());
        fields.add(field);
        sections.put(field, pane);
        return this;
    }

    VBox node() {
        return root;
    }

    List<FormField> fields() {
        return List.copyOf(fields);
    }

    Map<FormField, TitledPane> sections() {
        return sections;
    }
}
