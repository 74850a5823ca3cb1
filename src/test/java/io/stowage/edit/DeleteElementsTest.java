package io.stowage.edit;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteElementsTest {
    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void deletingSeveralElementsIsOneUndoableEdit() {
        ElementId instance = ElementId.instance("demo", example.clusters().get(0).instances().get(0).id());
        ElementId init = ElementId.container("web", "init");
        Edit edit = DeleteElements.of(example, new LinkedHashSet<>(List.of(instance, init)));

        assertThat(edit.description()).isEqualTo("Delete 2 elements");
        Design after = edit.after();
        assertThat(after.clusters().get(0).instances()).hasSize(example.clusters().get(0).instances().size() - 1);
        assertThat(after.taskDefinition("web").orElseThrow().containerDefinitions())
                .noneMatch(c -> "init".equals(c.name()))
                .allMatch(c -> c.dependsOn().stream().noneMatch(d -> "init".equals(d.containerName())));
        assertThat(after.layout().boundsOf(instance)).isEmpty();

        EditHistory history = new EditHistory(example);
        history.push(edit);
        history.undo();
        assertThat(history.current()).isEqualTo(example);
    }

    @Test
    void aSingleElementIsNamedAndNothingDeletableGivesNoEdit() {
        assertThat(DeleteElements.of(example, Set.of(ElementId.service("demo", "web"))).description())
                .isEqualTo("Delete service web");
        assertThat(DeleteElements.of(example, Set.of(ElementId.service("demo", "nope")))).isNull();
        assertThat(DeleteElements.of(example, Set.of())).isNull();
    }
}
