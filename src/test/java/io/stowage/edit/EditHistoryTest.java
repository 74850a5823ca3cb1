package io.stowage.edit;

import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditHistoryTest {
    private final AtomicLong clock = new AtomicLong(10_000);
    private final Design d0 = Design.empty("d0");
    private final Design d1 = Design.empty("d1");
    private final Design d2 = Design.empty("d2");
    private final Design d3 = Design.empty("d3");

    private EditHistory history(Design initial) {
        return new EditHistory(initial, EditHistory.UNLIMITED, clock::get);
    }

    @Test
    void aNoOpEditNeverEntersHistory() {
        EditHistory history = history(d0);
        List<EditHistory> heard = new ArrayList<>();
        history.addListener(heard::add);

        assertThat(history.push(Edit.of("Rename", d0, Design.empty("d0")))).isFalse();
        assertThat(history.apply("Nothing", d -> d)).isFalse();

        assertThat(history.canUndo()).isFalse();
        assertThat(history.isUnsaved()).isFalse();
        assertThat(heard).isEmpty();
    }

    @Test
    void undoAndRedoRestoreTheExactDocuments() {
        EditHistory history = history(d0);
        history.push(Edit.of("One", d0, d1));
        history.push(Edit.of("Two", d1, d2));

        assertThat(history.undo()).isTrue();
        assertThat(history.current()).isSameAs(d1);
        assertThat(history.undo()).isTrue();
        assertThat(history.current()).isSameAs(d0);
        assertThat(history.undo()).isFalse();
        assertThat(history.canUndo()).isFalse();
        assertThat(history.redo()).isTrue();
        assertThat(history.current()).isSameAs(d1);
        assertThat(history.redo()).isTrue();
        assertThat(history.current()).isSameAs(d2);
        assertThat(history.redo()).isFalse();
        assertThat(history.canRedo()).isFalse();
    }

    @Test
    void pushingClearsTheRedoStack() {
        EditHistory history = history(d0);
        history.push(Edit.of("One", d0, d1));
        history.push(Edit.of("Two", d1, d2));
        history.undo();
        assertThat(history.canRedo()).isTrue();

        history.push(Edit.of("Three", d1, d3));

        assertThat(history.canRedo()).isFalse();
        assertThat(history.current()).isSameAs(d3);
        assertThat(history.undoEdits()).extracting(Edit::description).containsExactly("Three", "One");
    }

    @Test
    void anEditMustStartFromTheCurrentDocument() {
        EditHistory history = history(d0);
        assertThatThrownBy(() -> history.push(Edit.of("Stale", d1, d2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Stale");
        assertThat(history.canUndo()).isFalse();
    }

    @Test
    void editsOfOneKeyMergeWithinTheWindow() {
        EditHistory history = history(d0);
        history.push(Edit.merging("Move 1 element", d0, d1, "move:a"));
        clock.addAndGet(600);
        history.push(Edit.merging("Move 1 element", d1, d2, "move:a"));
        clock.addAndGet(Edit.MERGE_WINDOW_MILLIS); // measured from the last merged edit, so a steady run merges
        history.push(Edit.merging("Move 1 element", d2, d3, "move:a"));

        assertThat(history.undoEdits()).hasSize(1);
        assertThat(history.undoEdits().get(0).before()).isSameAs(d0);
        history.undo();
        assertThat(history.current()).isSameAs(d0);
        history.redo();
        assertThat(history.current()).isSameAs(d3);
    }

    @Test
    void editsOfOneKeyDoNotMergeAfterTheWindow() {
        EditHistory history = history(d0);
        history.push(Edit.merging("Change memory", d0, d1, "field:memory"));
        clock.addAndGet(Edit.MERGE_WINDOW_MILLIS + 1);
        history.push(Edit.merging("Change memory", d1, d2, "field:memory"));

        assertThat(history.undoEdits()).hasSize(2);
        history.undo();
        assertThat(history.current()).isSameAs(d1);
    }

    @Test
    void editsOfDifferentKeysOrWithoutKeysDoNotMerge() {
        EditHistory history = history(d0);
        history.push(Edit.merging("Change memory", d0, d1, "field:memory"));
        history.push(Edit.merging("Change cpu", d1, d2, "field:cpu"));
        history.push(Edit.of("Rename", d2, d3));
        history.push(Edit.of("Rename", d3, d0));

        assertThat(history.undoEdits()).hasSize(4);
    }

    @Test
    void noMergeIntoAnEditBeforeAnUndo() {
        EditHistory history = history(d0);
        history.push(Edit.merging("Change memory", d0, d1, "k"));
        history.push(Edit.merging("Change memory", d1, d2, "other"));
        history.undo();
        history.push(Edit.merging("Change memory", d1, d3, "k"));

        assertThat(history.undoEdits()).hasSize(2);
    }

    @Test
    void aMergeThatChangesNothingLeavesHistory() {
        EditHistory history = history(d0);
        history.push(Edit.of("One", d0, d1));
        history.push(Edit.merging("Move 1 element", d1, d2, "move:a"));
        history.push(Edit.merging("Move 1 element", d2, d1, "move:a"));

        assertThat(history.current()).isEqualTo(d1);
        assertThat(history.undoDescription()).isEqualTo("Undo One");
    }

    @Test
    void canMergeWithAndMergedWith() {
        Edit first = Edit.merging("Change memory", d0, d1, "k").at(1000);
        Edit second = Edit.merging("Change memory", d1, d2, "k").at(2000);

        assertThat(second.canMergeWith(first)).isTrue();
        assertThat(second.at(2001).canMergeWith(first)).isFalse();
        assertThat(second.at(999).canMergeWith(first)).isFalse();
        assertThat(Edit.merging("Change memory", d2, d3, "k").at(1500).canMergeWith(first)).isFalse();
        assertThat(Edit.of("Change memory", d1, d2).at(1500).canMergeWith(first)).isFalse();
        Edit merged = second.mergedWith(first);
        assertThat(merged.before()).isSameAs(d0);
        assertThat(merged.after()).isSameAs(d2);
        assertThat(merged.timestamp()).isEqualTo(2000);
        assertThat(merged.mergeKey()).contains("k");
        assertThatThrownBy(() -> second.at(5000).mergedWith(first)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCompositeUndoesItsPartsInReverseOrder() {
        Edit a = Edit.of("A", d0, d1);
        Edit b = Edit.of("B", d1, d2);
        Edit c = Edit.of("C", d2, d3);
        CompositeEdit composite = CompositeEdit.of("Paste", List.of(a, b, c));

        assertThat(composite.before()).isSameAs(d0);
        assertThat(composite.after()).isSameAs(d3);
        assertThat(composite.undoOrder()).containsExactly(c, b, a);
        assertThat(composite.undoPath()).containsExactly(d2, d1, d0);
        assertThat(composite.undo()).isSameAs(d0);
        assertThat(composite.redo()).isSameAs(d3);

        EditHistory history = history(d0);
        history.push(composite);
        assertThat(history.undoDescription()).isEqualTo("Undo Paste");
        history.undo();
        assertThat(history.current()).isSameAs(d0);
        history.redo();
        assertThat(history.current()).isSameAs(d3);
    }

    @Test
    void aCompositeNeedsChainedParts() {
        assertThatThrownBy(() -> CompositeEdit.of("Bad", List.of(Edit.of("A", d0, d1), Edit.of("B", d2, d3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B");
        assertThatThrownBy(() -> CompositeEdit.of("Empty", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCompositeDropsNoOpPartsAndNeverMerges() {
        CompositeEdit composite = CompositeEdit.of("Group",
                List.of(Edit.of("A", d0, d1), Edit.of("Nothing", d1, d1), Edit.merging("B", d1, d2, "k")));
        assertThat(composite.edits()).extracting(Edit::description).containsExactly("A", "B");
        assertThat(composite.at(5).canMergeWith(Edit.merging("B", d2, d0, "k").at(5))).isFalse();
        assertThat(composite.at(5)).isInstanceOf(CompositeEdit.class);
        assertThat(composite.at(5).edits()).hasSize(2);
    }

    @Test
    void savedUntilAnEditAndSavedAgainAfterUndoingBackToTheSavePoint() {
        EditHistory history = history(d0);
        assertThat(history.isUnsaved()).isFalse();

        history.push(Edit.of("One", d0, d1));
        assertThat(history.isUnsaved()).isTrue();
        history.markSaved();
        assertThat(history.isUnsaved()).isFalse();

        history.push(Edit.of("Two", d1, d2));
        assertThat(history.isUnsaved()).isTrue();
        history.undo();
        assertThat(history.isUnsaved()).isFalse();
        history.undo();
        assertThat(history.isUnsaved()).isTrue();
        history.redo();
        assertThat(history.isUnsaved()).isFalse();
    }

    @Test
    void aMergeIntoTheSavedEditMakesItUnsaved() {
        EditHistory history = history(d0);
        history.push(Edit.merging("Change memory", d0, d1, "k"));
        history.markSaved();
        clock.addAndGet(100);
        history.push(Edit.merging("Change memory", d1, d2, "k"));

        assertThat(history.undoEdits()).hasSize(1);
        assertThat(history.isUnsaved()).isTrue();
    }

    @Test
    void theSavePointIsLostWhenItsRedoBranchIsDiscarded() {
        EditHistory history = history(d0);
        history.push(Edit.of("One", d0, d1));
        history.markSaved();
        history.undo();
        history.push(Edit.of("Other", d0, d2));
        history.undo();

        assertThat(history.current()).isSameAs(d0);
        assertThat(history.isUnsaved()).isTrue();
    }

    @Test
    void theSizeLimitForgetsTheOldestEdits() {
        EditHistory history = new EditHistory(d0, 2, clock::get);
        history.push(Edit.of("One", d0, d1));
        history.push(Edit.of("Two", d1, d2));
        history.push(Edit.of("Three", d2, d3));

        assertThat(history.undoEdits()).extracting(Edit::description).containsExactly("Three", "Two");
        history.undo();
        history.undo();
        assertThat(history.canUndo()).isFalse();
        assertThat(history.current()).isSameAs(d1);
        // d0 was saved and can no longer be reached
        assertThat(history.isUnsaved()).isTrue();
        assertThatThrownBy(() -> new EditHistory(d0, 0, clock::get)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void descriptions() {
        EditHistory history = history(d0);
        assertThat(history.undoDescription()).isEqualTo("Undo");
        assertThat(history.redoDescription()).isEqualTo("Redo");
        history.push(Edit.of("Move 3 elements", d0, d1));
        assertThat(history.undoDescription()).isEqualTo("Undo Move 3 elements");
        history.undo();
        assertThat(history.redoDescription()).isEqualTo("Redo Move 3 elements");
        assertThat(history.undoDescription()).isEqualTo("Undo");
    }

    @Test
    void listenersHearOfEveryChange() {
        EditHistory history = history(d0);
        List<String> heard = new ArrayList<>();
        history.addListener(h -> heard.add(h.current().name() + (h.isUnsaved() ? "*" : "")));

        history.push(Edit.of("One", d0, d1));
        history.undo();
        history.redo();
        history.markSaved();
        history.markSaved(); // no change, no news

        assertThat(heard).containsExactly("d1*", "d0", "d1*", "d1");
    }

    @Test
    void pushingFromAListenerIsAnError() {
        EditHistory history = history(d0);
        history.addListener(h -> h.push(Edit.of("Nested", h.current(), d3)));

        assertThatThrownBy(() -> history.push(Edit.of("Outer", d0, d1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("push 'Nested'").hasMessageContaining("notifying listeners");
        assertThat(history.current()).isSameAs(d1);
        assertThat(history.undoEdits()).hasSize(1);
    }

    @Test
    void undoingFromAListenerIsAnError() {
        EditHistory history = history(d0);
        history.push(Edit.of("One", d0, d1));
        history.addListener(EditHistory::undo);

        assertThatThrownBy(history::undo).isInstanceOf(IllegalStateException.class).hasMessageContaining("undo");
    }

    @Test
    void pushingFromInsideAnEditsApplicationIsAnError() {
        EditHistory history = history(d0);

        assertThatThrownBy(() -> history.apply("Outer", d -> {
            history.push(Edit.of("Inner", d, d2));
            return d1;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot push 'Inner'").hasMessageContaining("apply 'Outer'");

        // the history is usable afterwards
        assertThat(history.canUndo()).isFalse();
        assertThat(history.apply("Outer", d -> d1)).isTrue();
        assertThat(history.current()).isSameAs(d1);
    }

    @Test
    void aListenerMayMarkSaved() {
        EditHistory history = history(d0);
        history.addListener(EditHistory::markSaved);
        history.push(Edit.of("One", d0, d1));

        assertThat(history.isUnsaved()).isFalse();
        history.push(Edit.of("Two", d1, d2)); // the guard was restored after the nested notification
        assertThat(history.isUnsaved()).isFalse();
    }
}
