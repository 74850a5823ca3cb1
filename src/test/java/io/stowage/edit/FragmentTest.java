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
}
