package io.stowage.model.ecs;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.model.json.JsonDiff;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Comparing a described revision with the register input it came from shows only what differs in meaning. */
class TaskDefinitionComparisonTest {
    private final TaskDefinition described = read("describe-wrapped.json");

    private static TaskDefinition read(String name) {
        try {
            return TaskDefinitionFormat.read(Path.of("src/test/resources/samples/taskdefs", name)).taskDefinition();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void emptyListsTheConsoleAddsCountAsAbsentByChoice() {
        ContainerDefinition api = described.containerDefinitions().get(0);
        TaskDefinition written = described.withContainerDefinitions(List.of(new ContainerDefinition(
                api.json().without("mountPoints").without("volumesFrom").without("systemControls"))));

        assertThat(TaskDefinitionComparison.of(written, described, true)).isEmpty();
        assertThat(TaskDefinitionComparison.of(written, described, false)).extracting(JsonDiff.Change::label)
                .containsExactly("containerDefinitions[api].mountPoints", "containerDefinitions[api].volumesFrom",
                        "containerDefinitions[api].systemControls");
    }

    @Test
    void aNewRevisionShowsItsChangedImageAndMemoryByPath() {
        ContainerDefinition api = described.containerDefinitions().get(0);
        TaskDefinition next = described.withContainerDefinitions(List.of(api.withImage("shop-api:2.5.0")
                .withMemoryReservation(768))).withCpu("512");

        List<JsonDiff.Change> changes = TaskDefinitionComparison.of(described, next, true);

        assertThat(changes).extracting(c -> c.kind() + " " + c.label()).containsExactlyInAnyOrder(
                "CHANGED containerDefinitions[api].image", "CHANGED containerDefinitions[api].memoryReservation",
                described.cpu() == null ? "ADDED cpu" : "CHANGED cpu");
        assertThat(changes).filteredOn(c -> c.label().endsWith("memoryReservation")).singleElement()
                .satisfies(c -> {
                    assertThat(c.before()).isEqualTo(JsonNumber.of(512));
                    assertThat(c.after()).isEqualTo(JsonNumber.of(768));
                });
        assertThat(changes).filteredOn(c -> c.label().endsWith("image")).singleElement()
                .satisfies(c -> assertThat(c.after()).isEqualTo(new JsonString("shop-api:2.5.0")));
        assertThat(TaskDefinitionComparison.summarize(changes).toString())
                .isEqualTo(described.cpu() == null ? "2 changed, 1 added" : "3 changed");
    }
}
