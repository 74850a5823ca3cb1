package io.stowage.ui.inspector;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector's paths into an element's JSON, and the ids its fields get from them. */
class JsonTreeTest {
    @Test
    void aFieldIsFoundByItsPathAndItsIdComesFromThatPath() {
        JsonObject set = JsonTree.set(JsonObject.builder().put("name", "a").build(), "healthCheck.interval",
                JsonNumber.of(5), EcsSchema.shape("ContainerDefinition"));
        assertThat(JsonTree.get(set, "healthCheck.interval")).isEqualTo(JsonNumber.of(5));
        assertThat(JsonTree.fieldId("containerDefinitions[0].memory")).isEqualTo("field-containerDefinitions-0--memory");
    }
}
