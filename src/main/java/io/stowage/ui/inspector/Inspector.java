package io.stowage.ui.inspector;

import io.stowage.edit.EditHistory;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.rules.Finding;
import io.stowage.ui.common.DesignAnalysis;
import io.stowage.ui.common.Selection;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;

import java.util.List;
import java.util.Objects;

/**
 * The inspector: forms for the selected element (task definition, container, service, container instance,
 * cluster) and, for a task definition or container, a JSON tab with the task definition's text. Every committed
 * change is one edit in the history; the forms follow the history, show the validator's findings on their
 * fields, and focus the field the selection's focused path names.
 */
public final class Inspector {
    private final EditHistory history;
    private final Selection selection;
    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Label notice = new Label();
    private final ScrollPane scroll = new ScrollPane();
    private final Tab formTab = new Tab("Form", scroll);
    private final JsonEditor json;
    private final Tab jsonTab;
    private final TabPane tabs = new TabPane();
    private final Label placeholder = new Label("Select an element to edit it.");
    private final javafx.scene.control.Hyperlink about = new javafx.scene.control.Hyperlink();
    private final SetChangeListener<ElementId> selectionListener = change -> rebuild();
    private final javafx.beans.value.ChangeListener<String> focusListener = (obs, was, path) -> focusPath(path);
    private final java.util.function.Consumer<EditHistory> historyListener = h -> historyChanged();
    private final javafx.beans.value.ChangeListener<Node> focusOwnerListener = (o, old, owner) -> reveal(owner);
    private ElementBinding binding;
    private ElementForm form;
    private List<Finding> findings = List.of();

    private final DesignAnalysis analysis;

    /** An inspector on its own, with findings of its own (a test). */
    public Inspector(EditHistory history, Selection selection) {
        this(history, selection, new DesignAnalysis());
    }

    /** The inspector of a window's document: the window's selection, and its findings computed once per revision. */
    public Inspector(io.stowage.ui.common.WindowState state) {
        this(state.history(), state.selection(), state.analysis());
    }

    private Inspector(EditHistory history, Selection selection, DesignAnalysis analysis) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.history = Objects.requireNonNull(history, "history");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.json = new JsonEditor(history, this::renamed);
        this.jsonTab = new Tab("JSON", json.node());
        root.setId("inspector-content");
        root.getStyleClass().add("inspector");
        title.setId("inspector-title");
        title.getStyleClass().add("inspector-title");
        notice.setId("inspector-notice");
        notice.getStyleClass().add("inspector-notice");
        notice.setWrapText(true);
        placeholder.setId("inspector-placeholder");
        placeholder.getStyleClass().add("placeholder");
        formTab.setId("inspector-form-tab");
        jsonTab.setId("inspector-json-tab");
        formTab.setClosable(false);
        jsonTab.setClosable(false);
        // The JSON text is written only while its tab is shown: an edit elsewhere costs no text layout.
        jsonTab.selectedProperty().addListener((obs, was, is) -> {
            if (is) {
                refreshJsonIfShown();
            }
        });
        tabs.setId("inspector-tabs");
        scroll.setFitToWidth(true);
        scroll.setId("inspector-scroll");
        scroll.setPadding(new Insets(4));
        about.setId("inspector-about");
        about.getStyleClass().add("inspector-about");
        about.setFocusTraversable(false);
        about.setOnAction(e -> {
            io.stowage.ui.common.Concept concept = io.stowage.ui.common.Concept.of(selection.primary());
            io.stowage.ui.common.ConceptsWindow.show(concept, root.getScene() == null ? null : root.getScene().getWindow());
        });
        javafx.scene.layout.VBox heading = new javafx.scene.layout.VBox(0, title, about);
        BorderPane header = new BorderPane(heading);

        header.setBottom(notice);
        header.getStyleClass().add("inspector-header");
        root.setTop(header);
        io.stowage.ui.common.HoverTips.install(root, "inspector-tooltip");
        selection.elements().addListener(selectionListener);
        selection.focusedPathProperty().addListener(focusListener);
        history.addListener(historyListener);
        // Tabbing through a long form keeps the focused field in view.
        root.sceneProperty().addListener((obs, was, scene) -> {
            if (was != null) {
                was.focusOwnerProperty().removeListener(focusOwnerListener);
            }
            if (scene != null) {
                scene.focusOwnerProperty().addListener(focusOwnerListener);
            }
        });
        rebuild();
    }

    /** Stops following the selection, the history and the window (when another document is opened). */
    public void dispose() {
        selection.elements().removeListener(selectionListener);
        selection.focusedPathProperty().removeListener(focusListener);
        history.removeListener(historyListener);
        if (root.getScene() != null) {
            root.getScene().focusOwnerProperty().removeListener(focusOwnerListener);
        }
    }

    private void reveal(Node owner) {
        Node content = scroll.getContent();
        if (owner == null || content == null || owner.getScene() == null) {
            return;
        }
        for (Node n = owner; n != null; n = n.getParent()) {
            if (n == content) {
                scrollTo(owner, false);
                return;
            }
        }
    }

    /** Scrolls the form so the node shows; {@code top} puts it near the top, otherwise only as far as needed. */
    private void scrollTo(Node target, boolean top) {
        Node content = scroll.getContent();
        Bounds b = content.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
        double viewport = scroll.getViewportBounds().getHeight();
        double extra = content.getBoundsInLocal().getHeight() - viewport;
        if (extra <= 0) {
            return;
        }
        double shownTop = scroll.getVvalue() * extra;
        double y;
        if (top) {
            y = b.getMinY() - 24;
        } else if (b.getMinY() < shownTop) {
            y = b.getMinY() - 8;
        } else if (b.getMaxY() > shownTop + viewport) {
            y = b.getMaxY() + 8 - viewport;
        } else {
            return;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, y / extra)));
    }

    /** The inspector's node, id {@code inspector-content}. */
    public Node node() {
        return root;
    }

    private void rebuild() {
        ElementId id = selection.primary();
        io.stowage.ui.common.Concept concept = io.stowage.ui.common.Concept.of(id);
        about.setText(concept == null ? "" : "About: " + concept.title());
        io.stowage.ui.common.HoverTips.set(about, concept == null ? null : "What this is in ECS (F1)");
        about.setVisible(concept != null);
        about.setManaged(concept != null);
        binding = ElementBindings.of(id).orElse(null);
        form = null;
        setNotice(null);
        Design design = history.current();
        var located = binding == null ? null : binding.locate(design).orElse(null);
        if (located == null) {
            title.setText(id == null ? "Inspector" : id.kind().substring(0, 1).toUpperCase() + id.kind().substring(1)
                    + " " + id.localId());
            placeholder.setText(id == null ? "Select an element to edit it."
                    : binding == null ? "This element has no fields to edit." : "This element is no longer in the design.");
            root.setCenter(placeholder);
            return;
        }
        title.setText(binding.title());
        FormContext context = new FormContext(history, binding, located, this::renamed, this::setNotice);
        form = new ElementForm(context, id.kind());
        scroll.setContent(form.node());
        scroll.setVvalue(0);
        findings = analysis.findings(design);
        form.showFindings(findings);
        String family = family(binding);
        if (family != null) {
            json.show(family, jsonTab.isSelected());
            if (!tabs.getTabs().contains(jsonTab)) {
                tabs.getTabs().setAll(formTab, jsonTab);
            }
        } else {
            tabs.getTabs().setAll(formTab);
        }
        root.setCenter(tabs);
        if (selection.focusedPathProperty().get() != null) {
            focusPath(selection.focusedPathProperty().get());
        }
    }

    private static String family(ElementBinding binding) {
        if (binding instanceof ElementBindings.TaskDefinitionBinding td) {
            return td.family();
        }
        if (binding instanceof ElementBindings.ContainerBinding c) {
            return c.family();
        }
        return null;
    }

    private void historyChanged() {
        Design design = history.current();
        if (binding == null || form == null) {
            if (binding != null) {
                rebuild();
            }
            return;
        }
        var located = binding.locate(design).orElse(null);
        var old = form.context().located();
        if (located == null || !located.documentPath().equals(old.documentPath())
                || !located.designPath().equals(old.designPath())) {
            double v = scroll.getVvalue();
            rebuild();
            scroll.setVvalue(v);
            return;
        }
        form.refresh(located);
        findings = analysis.findings(design);
        form.showFindings(findings);
        if (family(binding) != null) {
            refreshJsonIfShown();
        }
    }

    private void refreshJsonIfShown() {
        if (jsonTab.isSelected() && family(binding) != null) {
            json.refresh(history.current());
        }
    }

    private void renamed(ElementId id) {
        selection.select(id);
    }

    private void setNotice(String text) {
        notice.setText(text == null ? "" : text);
        notice.setVisible(text != null);
        notice.setManaged(text != null);
    }

    private void focusPath(String path) {
        if (form == null || path == null) {
            return;
        }
        FormField field = form.fieldForFocus(path);
        if (field == null) {
            return;
        }
        tabs.getSelectionModel().select(formTab);
        TitledPane section = form.sectionOf(field);
        if (section != null) {
            section.setExpanded(true);
        }
        root.applyCss();
        root.layout();
        Node target = field.node();
        if (scroll.getContent() != null && target.getScene() != null) {
            scrollTo(target, true);
        }
        field.focus();
    }
}
