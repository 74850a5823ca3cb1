package io.stowage.ui.shell;

import io.stowage.model.design.ElementId;
import io.stowage.ui.common.Concept;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The canvas's context menu (right click, or the menu key): what can be done with the element under the pointer,
 * which it selects first, starting with what that element is in ECS.
 */
final class CanvasMenu {
    private final MainWindow window;
    private ContextMenu showing;

    CanvasMenu(MainWindow window) {
        this.window = window;
    }

    void install(Node area) {
        // The right button opens it on press everywhere; the menu event (a menu key, or a platform that sends one
        // for the same click) opens it unless it is already open.
        area.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.SECONDARY) {
                open(area, e.getPickResult() == null ? null : e.getPickResult().getIntersectedNode(), e.getScreenX(),
                        e.getScreenY());
                e.consume();
            }
        });
        area.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (showing == null || !showing.isShowing()) {
                open(area, e.getPickResult() == null ? null : e.getPickResult().getIntersectedNode(), e.getScreenX(),
                        e.getScreenY());
            }
            e.consume();
        });
    }

    private void open(Node area, Node picked, double screenX, double screenY) {
        ElementId element = elementUnder(picked);
        if (element != null && !window.selection().elements().contains(element)) {
            window.selection().select(element);
        }
        if (showing != null) {
            showing.hide();
        }
        showing = menuFor(element);
        showing.setId("canvas-menu");
        showing.show(area, screenX, screenY);
    }

    private ContextMenu menuFor(ElementId element) {
        List<MenuItem> items = new ArrayList<>();
        Concept concept = Concept.of(element);
        if (concept != null) {
            items.add(MainMenus.item("About: " + concept.title(), "ctx-about", "F1", window::aboutConcept));
        }
        if (element != null && (ElementId.SERVICE.equals(element.kind()) || ElementId.TASK.equals(element.kind()))) {
            items.add(MainMenus.item("Explain Placement", "ctx-explain", null, window::explainPlacement));
        }
        if (element != null && (ElementId.TASK_DEFINITION.equals(element.kind()) || ElementId.CONTAINER.equals(element.kind()))) {
            items.add(MainMenus.item("Compare Task Definitions…", "ctx-compare", null, window::compareTaskDefinitions));
        }
        if (element != null) {
            items.add(new SeparatorMenuItem());
            items.add(MainMenus.item("Duplicate", "ctx-duplicate", "Shortcut+D", window::duplicate));
            items.add(MainMenus.item("Delete", "ctx-delete", "Delete", window::deleteSelection));
        } else {
            items.add(MainMenus.item("Paste", "ctx-paste", "Shortcut+V", window::paste));
            items.add(MainMenus.item("Auto Layout", "ctx-auto-layout", null, window::autoLayout));
            items.add(MainMenus.item("Fit to Window", "ctx-fit", null, window.areas()::fitToView));
        }
        return new ContextMenu(items.toArray(MenuItem[]::new));
    }

    static ElementId elementUnder(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getProperties().get("elementId") instanceof ElementId id) {
                return id;
            }
        }
        return null;
    }
}
