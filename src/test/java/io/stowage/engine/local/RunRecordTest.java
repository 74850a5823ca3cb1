package io.stowage.engine.local;

import io.stowage.format.runtime.DescribeTasksJson;
import io.stowage.model.json.JsonText;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's record: what the runner knew of each task (desired status, stopped reason and code, each container's
 * exit code and reason, the tasks that never made a container) is what a later {@code ps}, in another process with
 * only Docker and the record, shows; the record is the user's alone and goes with {@code down}.
 */
@Tag("docker")
class RunRecordTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static Path home;
    private static String before;

    @BeforeAll
    static void privateStowageFolder() throws Exception {
        home = Files.createTempDirectory("stowage-record-test");
        before = System.getProperty("stowage.home");
        System.setProperty("stowage.home", home.toString());
    }

    @AfterAll
    static void restore() {
        if (before == null) {
            System.clearProperty("stowage.home");
        } else {
            System.setProperty("stowage.home", before);
        }
    }

    @Test
    void psShowsWhatTheRunnerRecordedOfEssentialExitsFailedDependenciesCreateAndPullFailures() throws Exception {
        TestImages.ensure(ENGINE.client());
        String tds = """
                {"family": "exits", "containerDefinitions": [
                  {"name": "server", "image": "%1$s", "memory": 16, "stopTimeout": 2},
                  {"name": "main", "image": "%3$s", "memory": 16}]},
                {"family": "depends", "containerDefinitions": [
                  {"name": "init", "image": "%3$s", "memory": 16, "essential": false},
                  {"name": "app", "image": "%1$s", "memory": 16,
                   "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]}]},
                {"family": "uncreatable", "containerDefinitions": [
                  {"name": "dev", "image": "%1$s", "memory": 4}]},
                {"family": "unpullable", "containerDefinitions": [
                  {"name": "gone", "image": "stowage-test/no-such-image:1", "memory": 16}]}
                """.formatted(TestImages.HTTP, TestImages.EXIT_0, TestImages.EXIT_1);
        String tasks = "{\"id\": \"a\", \"run\": {\"taskDefinition\": \"exits\"}},"
                + "{\"id\": \"b\", \"run\": {\"taskDefinition\": \"depends\"}},"
                + "{\"id\": \"c\", \"run\": {\"taskDefinition\": \"uncreatable\"}},"
                + "{\"id\": \"d\", \"run\": {\"taskDefinition\": \"unpullable\"}}";
        String design = """
                {"formatVersion": 1, "name": "record",
                 "clusters": [{"id": "c", "name": "rec", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}], "tasks": [%s]}],
                 "taskDefinitions": [%s]}
                """.formatted(tasks, tds);
        try (var h = new LocalRunHarness("record", design, "127.0.59", "127.0.60")) {
            h.listener.await("every task STOPPED", LocalRunHarness.TIMEOUT,
                    l -> l.tasks().size() == 4 && l.tasks().stream().allMatch(TaskState::isStopped));
            h.run.close(); // as up --detach and the end of a foreground run let go of it

            Path file = RunRecord.file(h.key);
            assertThat(file).startsWith(home);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");

            // What another process (a later stowage ps) sees: Docker's labels and the record.
            RuntimeSnapshot ps = new LocalEngine(DockerConnection.fromEnvironment()).ps(h.key, h.design);
            assertThat(ps.taskList()).hasSize(4).allSatisfy(t -> {
                assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
                assertThat(t.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
                assertThat(t.stoppedReason()).isNotNull();
            });

            // On a failure, what ps and the record held (a rare race has left an exit code unknown under load).
            String seen = "ps " + JsonText.compact(DescribeTasksJson.of(ps)) + "\nrecord "
                    + RunRecord.read(h.key).map(RunRecord::tasks).orElse(null);
            TaskState exits = task(ps, "exits");
            assertThat(exits.stoppedReason()).isEqualTo("Essential container in task exited");
            assertThat(exits.stopCode()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
            assertThat(exits.container("main").orElseThrow().exitCode()).as(seen).isEqualTo(1);
            assertThat(exits.container("main").orElseThrow().runtimeId()).isNotNull();

            TaskState depends = task(ps, "depends");
            ContainerState app = depends.container("app").orElseThrow();
            assertThat(app.exitCode()).as(seen).isEqualTo(143);
            assertThat(app.reason()).startsWith("CannotStartContainerError");
            assertThat(app.runtimeId()).isNull();
            assertThat(depends.container("init").orElseThrow().exitCode()).as(seen).isEqualTo(1);

            TaskState uncreatable = task(ps, "uncreatable");
            assertThat(uncreatable.container("dev").orElseThrow().reason()).startsWith("CannotCreateContainerError");
            assertThat(uncreatable.container("dev").orElseThrow().runtimeId()).isNull();
            assertThat(uncreatable.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);

            TaskState unpullable = task(ps, "unpullable");
            assertThat(unpullable.stoppedReason()).startsWith("CannotPullContainerError");
            assertThat(unpullable.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
            assertThat(unpullable.containers()).allMatch(c -> c.runtimeId() == null);

            String json = JsonText.compact(DescribeTasksJson.of(ps)).replace("\": ", "\":");
            assertThat(json).contains("\"stopCode\":\"EssentialContainerExited\"",
                    "\"stoppedReason\":\"Essential container in task exited\"", "\"desiredStatus\":\"STOPPED\"",
                    "\"exitCode\":143", "CannotPullContainerError", "CannotCreateContainerError");

            h.engine.down(h.key, h.design, m -> { });
            assertThat(file).doesNotExist();
        }
    }

    private static TaskState task(RuntimeSnapshot snapshot, String family) {
        return snapshot.taskList().stream().filter(t -> ("family:" + family).equals(t.group())).findFirst()
                .orElseThrow(() -> new AssertionError("no task of " + family + " in " + snapshot.taskList()));
    }
}
