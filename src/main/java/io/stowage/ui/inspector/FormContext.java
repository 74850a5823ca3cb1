package io.stowage.ui.inspector;

import io.stowage.edit.FieldEdits;
import io.stowage.edit.EditHistory;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.Member;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the fields of one element's form share: the element's binding and where it is, and the one way a field
 * changes the design, {@link #commit}, which pushes one edit per committed change ("Change memory"), merging
 * consecutive changes of the same field.
 */
final class FormContext {
    private final EditHistory history;
    private final ElementBinding binding;
    private final Consumer<ElementId> onRenamed;
    private final Consumer<String> onRefused;
    private ElementBinding.Located located;
    private Runnable revert = () -> { };

    FormContext(EditHistory history, ElementBinding binding, ElementBinding.Located located,
                Consumer<ElementId> onRenamed, Consumer<String> onRefused) {
        this.history = history;
        this.binding = binding;
        this.located = located;
        this.onRenamed = onRenamed;
        this.onRefused = onRefused;
    }

    ElementBinding binding() {
        return binding;
    }

    ElementBinding.Located located() {
        return located;
    }

    void relocate(ElementBinding.Located value) {
        located = value;
    }

    /** What to do when a commit changes nothing, so that the field shows the model's value again. */
    void onNoChange(Runnable value) {
        revert = value;
    }

    JsonObject json() {
        return located.json();
    }

    Design design() {
        return history.current();
    }

    String fieldPath(String local) {
        return located.fieldPath(local);
    }

    String fieldId(String local) {
        return JsonTree.fieldId(fieldPath(local));
    }

    String summary(String local) {
        Member member = binding.shape() == null ? null : JsonTree.member(binding.shape(), local);
        String summary = member == null ? null : member.summary();
        return summary != null && !summary.isBlank() ? summary : binding.summary(local);
    }

    List<String> enumValues(String local) {
        return binding.shape() == null ? List.of() : JsonTree.enumValues(binding.shape(), local);
    }

    /**
     * Sets the member at the local path (null removes it) as one edit, "Change " and the member's name, which
     * merges with the previous one of the same field within the merge window.
     *
     * @return whether the design changed
     */
    boolean commit(String local, Json value) {
        return commit(local, value, true);
    }

    /** As {@link #commit(String, Json)}; {@code merge} false for structural changes (a row removed or moved). */
    boolean commit(String local, Json value, boolean merge) {
        Design before = history.current();
        var where = binding.locate(before);
        if (where.isEmpty()) {
            return false;
        }
        FieldEdits.Outcome outcome = FieldEdits.set(before, where.get().json(), binding.shape(), local, value,
                binding::write, merge ? binding.id() + "#" + local : null);
        if (outcome instanceof FieldEdits.Refused refused) {
            onRefused.accept(refused.reason());
        }
        if (!(outcome instanceof FieldEdits.Changed change)) {
            revert.run();
            return false;
        }
        JsonObject changed = change.json();
        boolean pushed;
        try {
            pushed = history.push(change.edit());
        } catch (IllegalStateException busy) {
            // A field losing focus while the history notifies (an undo rebuilding the form). A field still holding
            // what this form showed was not typed in: committing it would put back the value the undo took away.
            // Only a value typed into it is committed, once the history is free, onto the design as it is then.
            if (!java.util.Objects.equals(value, JsonTree.get(located.json(), local))) {
                javafx.application.Platform.runLater(() -> commit(local, value, merge));
            }
            return false;
        }
        if (!pushed) {
            revert.run();
        }
        ElementId renamed = binding.idFor(changed);
        if (pushed && !renamed.equals(binding.id())) {
            onRenamed.accept(renamed);
        }
        return pushed;
    }
}
