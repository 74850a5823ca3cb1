package io.stowage.cli;

import io.stowage.format.JsonFileReader;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stowage simulate} on the example design and its two rolling-deployment scenarios. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    Path copy(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/io/stowage/examples/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    Path example() throws Exception {
        copy("web-v2.json");
        copy("rolling-stall.scenario.json");
        copy("rolling-fixed.scenario.json");
        return copy("example.stowage.json");
    }

    @Test
    void theStallScenarioSaysWhyTheDeploymentCannotProceed() throws Exception {
        Path design = example();
        CliRun run = CliRun.of("simulate", design.toString(), "--scenario",
                dir.resolve("rolling-stall.scenario.json").toString(), "--until", "15m");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.outLines()).anyMatch(l -> l.matches(" *1m00s  scenario: update service web to web:2 .*"));
        assertThat(run.outLines()).anyMatch(l -> l.contains("service web: service web was unable to place a task "
                + "because no container instance met all of its requirements. The closest matching "
                + "container-instance i-0") && l.endsWith("is already using a port required by your task."));
        assertThat(run.outLines()).anyMatch(l -> l.matches("  service web: 2 running, 0 pending, desired 2, NOT steady"));
        assertThat(run.outLines()).anyMatch(l -> l.matches("    PRIMARY ecs-svc/\\d{19} web:2 IN_PROGRESS: 0 running"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theFixedScenarioCompletesTheDeploymentAndSaysSoInJson() throws Exception {
        Path design = example();
        CliRun run = CliRun.of("simulate", design.toString(), "--scenario",
                dir.resolve("rolling-fixed.scenario.json").toString(), "--until", "15m", "--json");

        JsonObject out = (JsonObject) JsonFileReader.parse(Path.of("out.json"),
                run.out().getBytes(StandardCharsets.UTF_8)).root();
        JsonObject web = services(out).stream().filter(s -> text(s, "serviceName").equals("web")).findFirst()
                .orElseThrow();
        JsonArray deployments = (JsonArray) web.get("deployments");
        assertThat(deployments.size()).isEqualTo(1);
        JsonObject primary = (JsonObject) deployments.get(0);
        assertThat(text(primary, "rolloutState")).isEqualTo("COMPLETED");
        assertThat(text(primary, "taskDefinition")).endsWith(":task-definition/web:2");
        List<JsonObject> events = ((JsonArray) out.get("events")).items().stream().map(JsonObject.class::cast).toList();
        assertThat(events).anyMatch(e -> text(e, "source").equals("service web")
                && text(e, "message").matches("\\(service web\\) \\(deployment ecs-svc/\\d{19}\\) deployment completed\\.")
                && !text(e, "at").equals("PT0S"));
        assertThat(events.get(0).get("at")).isEqualTo(new JsonString("PT0S"));
        List<JsonObject> webTasks = ((JsonArray) out.get("tasks")).items().stream().map(JsonObject.class::cast)
                .filter(t -> text(t, "group").equals("service:web") && text(t, "lastStatus").equals("RUNNING")).toList();
        assertThat(webTasks).hasSize(2).allSatisfy(t -> assertThat(text(t, "taskDefinitionArn")).endsWith("web:2"));
        // The example's report service asks for more memory than any instance has: never steady, exit 1.
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void quickActionsNeedNoScenarioFile() throws Exception {
        Path design = example();
        CliRun run = CliRun.of("simulate", design.toString(), "--drain", "i-0a1b2c3d", "--scale", "api=1",
                "--until", "5m");
        assertThat(run.outLines()).anyMatch(l -> l.matches(" *1m00s  instance i-0a1b2c3d: set to DRAINING"));
        assertThat(run.outLines()).anyMatch(l -> l.matches(" *1m00s  scenario: set service api desired count to 1"));
        assertThat(run.outLines()).anyMatch(l -> l.matches("  service api: 1 running, 0 pending, desired 1, steady"));
    }

    @Test
    void aScenarioMistakeIsOneLineNamingTheFileAndPath() throws Exception {
        Path design = example();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"actions\": [{\"at\": \"soon\", \"drain\": {\"instance\": \"i-0a1b2c3d\"}}]}");
        CliRun run = CliRun.of("simulate", design.toString(), "--scenario", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(bad + ": error: line 1, column 21: actions[0].at: expected a duration such as "
                + "10s, 2m, 1h30m or 500ms, found \"soon\"\n");

        Files.writeString(bad, "{\"actions\": [{\"at\": \"1m\", \"terminate\": {\"instance\": \"i-9\"}}]}");
        run = CliRun.of("simulate", design.toString(), "--scenario", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(bad + ": error: actions[0].terminate.instance: no instance i-9 in the design "
                + "(i-0a1b2c3d, i-0e5f6a7b)\n");

        run = CliRun.of("simulate", design.toString(), "--until", "forever");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--until: expected a duration such as 10s");
        assertThat(run.out()).isEmpty();
    }

    private static List<JsonObject> services(JsonObject out) {
        return ((JsonArray) out.get("services")).items().stream().map(JsonObject.class::cast).toList();
    }

    private static String text(JsonObject o, String key) {
        Json v = o.get(key);
        return v instanceof JsonString s ? s.value() : String.valueOf(v);
    }
}
