package io.stowage.ui.common;

import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each window derives its findings and placement from its own design, once per revision; no toolkit needed. */
class WindowStateTest {

    @Test
    void twoWindowsWithDifferentDesignsEachSeeTheirOwnFindingsComputedOncePerRevision() {
        Design example = ExampleDesigns.firstStart().design();
        // A second design whose task definition breaks a rule the example keeps: a container with no image.
        Design broken = Design.empty("broken").withTaskDefinition(TaskDefinition.EMPTY.withFamily("web")
                .withContainerDefinitions(List.of(io.stowage.model.ecs.ContainerDefinition.EMPTY.withName("web"))));
        WindowState first = WindowState.of(new EditHistory(example));
        WindowState second = WindowState.of(new EditHistory(broken));

        List<Finding> firstFindings = first.findings();
        List<Finding> secondFindings = second.findings();

        assertThat(firstFindings).noneMatch(f -> f.path().contains("web"));
        assertThat(secondFindings).isNotEmpty().allMatch(f -> !firstFindings.contains(f));
        // Reading the other window's findings in between computes nothing again: the same lists, the same placement.
        assertThat(first.findings()).isSameAs(firstFindings);
        assertThat(second.findings()).isSameAs(secondFindings);
        var placement = first.placement();
        second.placement();
        assertThat(first.placement()).isSameAs(placement);
    }

    @Test
    void anEditIsANewRevisionWithFindingsOfItsOwn() {
        Design example = ExampleDesigns.firstStart().design();
        EditHistory history = new EditHistory(example);
        WindowState state = WindowState.of(history);
        List<Finding> before = state.findings();

        history.apply("add a broken task definition", d -> d.withTaskDefinition(TaskDefinition.EMPTY.withFamily("broken")
                .withContainerDefinitions(List.of(io.stowage.model.ecs.ContainerDefinition.EMPTY.withName("c")))));

        assertThat(state.findings()).isNotSameAs(before).hasSizeGreaterThan(before.size());
        history.undo();
        assertThat(state.findings()).isEqualTo(before);
    }
}
