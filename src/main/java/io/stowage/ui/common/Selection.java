package io.stowage.ui.common;

import io.stowage.model.design.ElementId;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the user has selected on the canvas, shared by the canvas, the inspector and the problems panel.
 * Optionally a field inside the primary element to focus (a JSON path, e.g. from a problem double-clicked).
 */
public final class Selection {
    private final ObservableSet<ElementId> elements = FXCollections.observableSet(new LinkedHashSet<>());
    private final javafx.beans.property.ObjectProperty<String> focusedPath = new javafx.beans.property.SimpleObjectProperty<>();
    private final javafx.beans.property.ObjectProperty<io.stowage.model.placement.TaskRef> task =
            new javafx.beans.property.SimpleObjectProperty<>();

    /** The selected elements, in the order they were selected; observe it to follow the selection. */
    public ObservableSet<ElementId> elements() {
        return elements;
    }

    /** The first selected element, or null. */
    public ElementId primary() {
        return elements.isEmpty() ? null : elements.iterator().next();
    }

    public void select(ElementId id) {
        selectAll(id == null ? Set.of() : Set.of(id));
    }

    public void selectAll(Collection<ElementId> ids) {
        focusedPath.set(null);
        task.set(null);
        if (!elements.equals(new LinkedHashSet<>(ids))) {
            elements.clear();
            elements.addAll(ids);
        }
    }

    public void toggle(ElementId id) {
        if (!elements.remove(id)) {
            elements.add(id);
        }
    }

    public void clear() {
        selectAll(Set.of());
    }

    /**
     * Selects a task, a copy the scheduler placed (a chip on the canvas), with the service or standalone task it
     * belongs to, so that its placement can be explained.
     */
    public void selectTask(ElementId workload, io.stowage.model.placement.TaskRef value) {
        select(workload);
        task.set(value);
    }

    /** The selected task, or null. */
    public javafx.beans.property.ObjectProperty<io.stowage.model.placement.TaskRef> taskProperty() {
        return task;
    }

    /** A JSON path inside the primary element that the inspector should focus (null for none). */
    public javafx.beans.property.ObjectProperty<String> focusedPathProperty() {
        return focusedPath;
    }
}
