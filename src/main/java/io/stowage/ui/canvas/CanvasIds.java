package io.stowage.ui.canvas;

import io.stowage.model.design.ElementId;
import io.stowage.model.placement.TaskRef;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/** Stable node ids, the element-id property and the pseudo-classes every canvas node uses. */
public final class CanvasIds {
    /** The key under which each element node's {@link ElementId} is kept in {@link Node#getProperties()}. */
    public static final String ELEMENT_ID = "elementId";
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    /** The task chip whose placement the explanation shows. */
    public static final PseudoClass EXPLAINED = PseudoClass.getPseudoClass("explained");
    /** The key under which a task chip keeps its {@link TaskRef}. */
    public static final String TASK = "task";

    /** The task a chip stands for, looking up from a picked node; null when it is not in a chip. */
    public static TaskRef taskOf(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n.getProperties().get(TASK) instanceof TaskRef task) {
                return task;
            }
            if (n.getProperties().containsKey(ELEMENT_ID)) {
                return null;
            }
        }
        return null;
    }

    /** The service or standalone task a task belongs to. */
    public static ElementId workloadOf(TaskRef task) {
        return task.kind() == TaskRef.Kind.SERVICE ? ElementId.service(task.clusterId(), task.source())
                : ElementId.task(task.clusterId(), task.source());
    }

    private CanvasIds() {
    }

    /** {@code el-} + the element id with every character outside {@code [A-Za-z0-9-_]} replaced by {@code _}. */
    public static String nodeId(ElementId id) {
        return "el-" + sanitize(id.value());
    }

    /** The id of a task chip: {@code task-} + the sanitized task reference, e.g. {@code task-demo_service_web_1}. */
    public static String chipId(TaskRef task) {
        return "task-" + sanitize(task.toString());
    }

    static String sanitize(String text) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                out[i] = '_';
            }
        }
        return new String(out);
    }

    /** The element a canvas node stands for, or null. */
    public static ElementId elementOf(Node node) {
        Object value = node.getProperties().get(ELEMENT_ID);
        return value instanceof ElementId id ? id : null;
    }

    static void tag(Node node, ElementId id, String styleClass) {
        node.setId(nodeId(id));
        node.getStyleClass().add(styleClass);
        node.getProperties().put(ELEMENT_ID, id);
    }
}
