package io.stowage.ui.inspector;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts behind the inspector: replacing a task definition and setting members by path. */
class TaskDefinitionReplaceTest {
    private final Design design = ExampleDesigns.firstStart().design();

    @Test
    void aNewFamilyRenamesInPlaceAndRepointsServicesAndLayout() {
        TaskDefinition web = design.taskDefinition("web").orElseThrow();
        Design out = TaskDefinitionReplace.replace(design, "web", web.withFamily("frontend"));
        assertThat(List.copyOf(out.taskDefinitions().keySet()))
                .isEqualTo(List.copyOf(design.taskDefinitions().keySet()).stream()
                        .map(f -> f.equals("web") ? "frontend" : f).toList());
        assertThat(out.cluster("demo").orElseThrow().service("web").orElseThrow().taskDefinitionFamily())
                .isEqualTo("frontend");
        if (design.layout().boundsOf(ElementId.taskDefinition("web")).isPresent()) {
            assertThat(out.layout().boundsOf(ElementId.taskDefinition("frontend"))).isPresent();
            assertThat(out.layout().boundsOf(ElementId.taskDefinition("web"))).isEmpty();
        }
    }

    @Test
    void aFamilyTakenByAnotherTaskDefinitionIsRefused() {
        TaskDefinition web = design.taskDefinition("web").orElseThrow();
        assertThatThrownBy(() -> TaskDefinitionReplace.replace(design, "web", web.withFamily("api")))
                .hasMessageContaining("already has a task definition api");
    }

    @Test
    void settingANestedMemberCreatesParentsAndRemovingItDropsEmptyParents() {
        var shape = EcsSchema.shape("ContainerDefinition");
        JsonObject set = JsonTree.set(JsonObject.builder().put("name", "a").put("image", "b").build(),
                "healthCheck.interval", JsonNumber.of(5), shape);
        assertThat(JsonTree.get(set, "healthCheck.interval")).isEqualTo(JsonNumber.of(5));
        assertThat(JsonTree.set(set, "healthCheck.interval", null, shape).has("healthCheck")).isFalse();
        assertThat(JsonTree.fieldId("containerDefinitions[0].memory")).isEqualTo("field-containerDefinitions-0--memory");
    }
}
