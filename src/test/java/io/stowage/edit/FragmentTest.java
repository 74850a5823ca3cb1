package io.stowage.edit;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Copy, paste and duplicate: renamed where names are taken, offset on the canvas, one undoable edit. */
class FragmentTest {
    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void duplicatingAServiceAndAContainerRenamesAndOffsetsThem() {
        ElementId service = ElementId.service("demo", "web");
        ElementId nginx = ElementId.container("web", "nginx");
        Fragment fragment = Fragment.copy(example, new LinkedHashSet<>(List.of(service, nginx)));

        Fragment.PasteResult result = fragment.pasteInto(example, null, null, 24, 24);

        assertThat(result.edit().description()).isEqualTo("Paste 2 elements");
        assertThat(result.created()).containsExactly(ElementId.container("web", "nginx-2"), ElementId.service("demo", "web-2"));
        Design after = result.edit().after();
        assertThat(after.cluster("demo").orElseThrow().service("web-2").orElseThrow().serviceName()).isEqualTo("web-2");
        Bounds original = example.layout().boundsOf(service).orElseThrow();
        assertThat(after.layout().boundsOf(ElementId.service("demo", "web-2")))
                .contains(original.movedTo(original.x() + 24, original.y() + 24));
        // Names are made unique; the copied static host port clashing with the original is for validation to say.
        assertThat(DesignValidator.validate(after)).filteredOn(Finding::isError).extracting(Finding::ruleId)
                .containsExactly("host-port-duplicate");
    }

    @Test
    void pastesIntoAnotherDesignAndTargetTaskDefinition() {
        Fragment fragment = Fragment.copy(example, Set.of(ElementId.taskDefinition("api"), ElementId.container("web", "init")));
        Design other = Design.empty("other");

        Fragment.PasteResult result = fragment.pasteInto(other, null, null, 0, 0);

        // The task definition comes along; the container has no task definition of its own there.
        assertThat(result.edit().after().taskDefinition("api")).isPresent();
        assertThat(result.created()).containsExactly(ElementId.taskDefinition("api"));
        Fragment.PasteResult intoApi = Fragment.copy(example, Set.of(ElementId.container("web", "init")))
                .pasteInto(example, "api", null, 0, 0);
        assertThat(intoApi.edit().after().taskDefinition("api").orElseThrow().containerDefinitions())
                .anyMatch(c -> "init".equals(c.name()));
    }

    @Test
    void taskDefinitionsCopiedWithTheirContainersPasteWhollyIntoTheCopiesAndLeaveTheOriginals() {
        Set<ElementId> selected = new LinkedHashSet<>(List.of(ElementId.taskDefinition("web"),
                ElementId.container("web", "init"), ElementId.container("web", "nginx"),
                ElementId.taskDefinition("api"), ElementId.container("api", "api")));
        Fragment fragment = Fragment.copy(example, selected);

        // The paste goes where the selection is, and the originals are still selected.
        Fragment.PasteResult result = fragment.pasteInto(example, "api", null, 300, 0);
        Design after = result.edit().after();

        assertThat(after.taskDefinition("web")).isEqualTo(example.taskDefinition("web"));
        assertThat(after.taskDefinition("api")).isEqualTo(example.taskDefinition("api"));
        assertThat(after.taskDefinition("web-2").orElseThrow().containerDefinitions())
                .isEqualTo(example.taskDefinition("web").orElseThrow().containerDefinitions());
        assertThat(after.taskDefinition("api-2").orElseThrow().containerDefinitions()).hasSize(1);
        assertThat(result.created()).containsExactlyInAnyOrder(ElementId.taskDefinition("web-2"),
                ElementId.container("web-2", "init"), ElementId.container("web-2", "nginx"),
                ElementId.taskDefinition("api-2"), ElementId.container("api-2", "api"));
        // Each copied container is drawn inside its copied card, where the original is in the original.
        for (String container : List.of("init", "nginx")) {
            Bounds original = example.layout().boundsOf(ElementId.container("web", container)).orElseThrow();
            assertThat(after.layout().boundsOf(ElementId.container("web-2", container)))
                    .contains(original.movedTo(original.x() + 300, original.y()));
            assertThat(after.layout().boundsOf(ElementId.taskDefinition("web-2")).orElseThrow()
                    .contains(after.layout().boundsOf(ElementId.container("web-2", container)).orElseThrow())).isTrue();
        }
    }

    @Test
    void aServiceCopiedWithItsTaskDefinitionRunsTheCopy() {
        Fragment fragment = Fragment.copy(example, new LinkedHashSet<>(List.of(ElementId.service("demo", "api"),
                ElementId.taskDefinition("api"))));
        Design after = fragment.pasteInto(example, null, null, 0, 0).edit().after();
        assertThat(after.cluster("demo").orElseThrow().service("api-2").orElseThrow().taskDefinitionFamily())
                .isEqualTo("api-2");
        assertThat(after.cluster("demo").orElseThrow().service("api").orElseThrow().taskDefinitionFamily())
                .isEqualTo("api");
    }
}
