package io.stowage.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * Tooltips by area: one tooltip for a whole area (the canvas, the inspector), showing the text of whatever is
 * under the pointer. A JavaFX tooltip is a popup window with a scene of its own, so one per chip, bar, container
 * and form field (thousands on a large design, a hundred per form) would cost seconds to draw and hundreds of
 * megabytes; here each node only carries its text.
 */
public final class HoverTips {
    private static final String KEY = "stowage.tooltip";

    private HoverTips() {
    }

    /** The text shown when the pointer rests on the node (or on something inside it without a text of its own). */
    public static void set(Node node, String text) {
        if (text == null) {
            node.getProperties().remove(KEY);
        } else {
            node.getProperties().put(KEY, text);
        }
    }

    /** The node's tooltip text, or null. */
    public static String of(Node node) {
        return node.getProperties().get(KEY) instanceof String text ? text : null;
    }

    /** The text of the innermost node at or above the picked one that has one, or null. */
    public static String under(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            String text = of(n);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** Shows the texts of the nodes in the area when the pointer rests on them. */
    public static void install(Region canvas, String id) {
        Tooltip tooltip = new Tooltip();
        tooltip.setId(id);
        tooltip.setShowDelay(Duration.millis(600));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(460);
        boolean[] installed = {false};
        canvas.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            String text = under(e.getPickResult() == null ? null : e.getPickResult().getIntersectedNode());
            if (text == null) {
                if (installed[0]) {
                    tooltip.hide();
                    Tooltip.uninstall(canvas, tooltip);
                    installed[0] = false;
                }
                return;
            }
            if (!text.equals(tooltip.getText())) {
                tooltip.setText(text);
            }
            if (!installed[0]) {
                Tooltip.install(canvas, tooltip);
                installed[0] = true;
            }
        });
    }
}
