package io.stowage.ui.inspector;

import io.stowage.model.rules.Finding;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form of one element: its fields, refreshed from each new design, the validator's findings put on the
 * fields they point at (those pointing at no field listed on top), and focusing a field by its JSON path.
 */
final class ElementForm {
    private final FormContext context;
    private final FormBuilder builder;
    private final VBox root = new VBox(8);
    private final VBox problems = new VBox(2);

    ElementForm(FormContext context, String kind) {
        this.context = context;
        this.builder = new FormBuilder(context);
        Forms.build(builder, kind);
        problems.setId("inspector-element-problems");
        problems.getStyleClass().add("element-problems");
        root.getChildren().addAll(problems, builder.node());
        context.onNoChange(() -> refresh(context.located()));
        showFindings(List.of());
    }

    Node node() {
        return root;
    }

    FormContext context() {
        return context;
    }

    List<FormField> fields() {
        return builder.fields();
    }

    void refresh(ElementBinding.Located located) {
        context.relocate(located);
        for (FormField field : builder.fields()) {
            field.refresh(located.json());
        }
    }

    /** Puts each finding about this element on the field it points at, or in the list above the form. */
    void showFindings(List<Finding> all) {
        String prefix = context.located().findingPrefix();
        Map<FormField, List<Finding>> byField = new LinkedHashMap<>();
        builder.fields().forEach(f -> byField.put(f, new ArrayList<>()));
        List<Finding> elsewhere = new ArrayList<>();
        for (Finding finding : all) {
            // A finding about the element as a whole (its tasks cannot be placed) names the element's own path.
            if (!within(finding.path(), prefix) && !finding.path().equals(context.located().designPath())) {
                continue;
            }
            FormField field = fieldAt(finding.path());
            if (field != null) {
                byField.get(field).add(finding);
            } else {
                elsewhere.add(finding);
            }
        }
        byField.forEach((field, findings) -> {
            field.showFindings(findings);
            if (!findings.isEmpty()) {
                TitledPane section = builder.sections().get(field);
                if (section != null) {
                    section.setExpanded(true);
                }
            }
        });
        problems.getChildren().clear();
        for (Finding finding : elsewhere) {
            Label label = new Label((finding.isError() ? "Error: " : "Warning: ") + finding.message());
            label.setWrapText(true);
            label.getStyleClass().addAll("element-problem", finding.isError() ? FormField.HAS_ERROR : FormField.HAS_WARNING);
            problems.getChildren().add(label);
        }
        problems.setVisible(!elsewhere.isEmpty());
        problems.setManaged(!elsewhere.isEmpty());
    }

    private static boolean within(String path, String prefix) {
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }

    /** The field whose finding path is the path or encloses it (the longest such), or null. */
    FormField fieldAt(String findingPath) {
        FormField best = null;
        int bestLength = -1;
        for (FormField field : builder.fields()) {
            String own = context.located().findingPath(field.local());
            if (within(findingPath, own) && own.length() > bestLength) {
                best = field;
                bestLength = own.length();
            }
        }
        return best;
    }

    /**
     * The field a focus request names: a path as findings give it (from the design), as the element's document
     * gives it ({@code containerDefinitions[0].memory}) or local to the element ({@code memory}).
     */
    FormField fieldForFocus(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        for (String candidate : List.of(path, context.located().designPath() + "." + path,
                context.located().findingPath(path))) {
            FormField field = fieldAt(candidate);
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    TitledPane sectionOf(FormField field) {
        return builder.sections().get(field);
    }
}
