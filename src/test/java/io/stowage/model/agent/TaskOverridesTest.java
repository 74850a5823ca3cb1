package io.stowage.model.agent;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskOverride;
import io.stowage.model.json.JsonObject;
import io.stowage.format.JsonFileReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RunTask overrides change what the task runs as the API Reference says, and nothing else. */
class TaskOverridesTest {

    @Test
    void commandReplacesEnvironmentMergesLimitsReplace() throws Exception {
        TaskDefinition td = TaskDefinitionFormat.parse("td.json", """
                {"family": "api", "cpu": "512", "containerDefinitions": [
                  {"name": "api", "image": "node", "command": ["node", "server.js"], "memory": 256,
                   "environment": [{"name": "PORT", "value": "3000"}, {"name": "MODE", "value": "serve"}]},
                  {"name": "sidecar", "image": "busybox", "command": ["sleep", "1d"]}]}
                """).taskDefinition();
        TaskOverride overrides = new TaskOverride((JsonObject) JsonFileReader.parse(java.nio.file.Path.of("o.json"), """
                {"memory": "1024", "containerOverrides": [{"name": "api", "command": ["node", "-e", "1"],
                  "environment": [{"name": "MODE", "value": "check"}, {"name": "EXTRA", "value": "1"}],
                  "memory": 512}, {"name": "absent", "command": ["x"]}]}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)).root());

        TaskDefinition run = TaskOverrides.apply(td, overrides);

        var api = run.containerDefinitions().get(0);
        assertThat(api.command()).containsExactly("node", "-e", "1");
        assertThat(api.environment()).extracting(e -> e.name() + "=" + e.value())
                .containsExactly("PORT=3000", "MODE=check", "EXTRA=1");
        assertThat(api.memory()).isEqualTo(512);
        assertThat(run.memory()).isEqualTo("1024");
        assertThat(run.cpu()).isEqualTo("512");
        assertThat(run.containerDefinitions().get(1)).isEqualTo(td.containerDefinitions().get(1));
        assertThat(TaskOverrides.apply(td, TaskOverride.EMPTY)).isSameAs(td);
    }
}
