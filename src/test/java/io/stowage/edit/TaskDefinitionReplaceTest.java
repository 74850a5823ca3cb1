package io.stowage.edit;

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

/** The edits behind the inspector, without a toolkit: replacing a task definition, setting members by path, a field. */
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
        JsonObject set = JsonPaths.set(JsonObject.builder().put("name", "a").put("image", "b").build(),
                "healthCheck.interval", JsonNumber.of(5), shape);
        assertThat(set.get("healthCheck")).isInstanceOfSatisfying(JsonObject.class,
                check -> assertThat(check.get("interval")).isEqualTo(JsonNumber.of(5)));
        assertThat(JsonPaths.set(set, "healthCheck.interval", null, shape).has("healthCheck")).isFalse();
    }

    @Test
    void replacingATaskDefinitionIsOneEditAndNoneWhenNothingChanges() {
        TaskDefinition web = design.taskDefinition("web").orElseThrow();
        assertThat(TaskDefinitionReplace.edit(design, "web", web)).isNull();

        Edit edit = TaskDefinitionReplace.edit(design, "web", web.withFamily("frontend"));

        assertThat(edit.description()).isEqualTo("Edit JSON of web");
        assertThat(edit.after().taskDefinitions()).containsKey("frontend").doesNotContainKey("web");
        assertThat(edit.mergeKey()).isEmpty();
    }

    @Test
    void renamingMovesTheLayoutOfTheElementAndOfWhatIsInsideIt() {
        ElementId from = ElementId.taskDefinition("web");
        ElementId to = ElementId.taskDefinition("frontend");
        ElementId container = design.layout().bounds().keySet().stream().filter(id -> id.isInside(from)).findFirst()
                .orElseThrow();

        var moved = Renames.layout(design.layout(), from, to);

        assertThat(moved.bounds()).doesNotContainKeys(from, container)
                .containsEntry(to, design.layout().bounds().get(from));
        assertThat(moved.bounds().keySet()).anyMatch(id -> id.isInside(to)
                && id.value().endsWith(container.value().substring(from.value().length())));
    }

    @Test
    void settingAFieldIsOneMergingEditNamedAfterTheMemberOrNothingOrARefusal() {
        TaskDefinition web = design.taskDefinition("web").orElseThrow();
        java.util.function.BiFunction<Design, JsonObject, Design> write = (d, json) ->
                d.withTaskDefinition(new TaskDefinition(json));

        var changed = FieldEdits.set(design, web.json(), EcsSchema.shape("RegisterTaskDefinitionRequest"), "memory",
                new io.stowage.model.json.JsonString("1024"), write, "td:web#memory");
        var unchanged = FieldEdits.set(design, web.json(), null, "family", new io.stowage.model.json.JsonString("web"),
                write, null);
        var refused = FieldEdits.set(design, web.json(), null, "memory", new io.stowage.model.json.JsonString("1"),
                (d, json) -> { throw new IllegalArgumentException("not that"); }, null);

        assertThat(changed).isInstanceOfSatisfying(FieldEdits.Changed.class, c -> {
            assertThat(c.edit().description()).isEqualTo("Change memory");
            assertThat(c.edit().mergeKey()).contains("td:web#memory");
            assertThat(c.edit().after().taskDefinition("web").orElseThrow().memory()).isEqualTo("1024");
        });
        assertThat(unchanged).isInstanceOf(FieldEdits.Unchanged.class);
        assertThat(refused).isEqualTo(new FieldEdits.Refused("not that"));
    }
}
