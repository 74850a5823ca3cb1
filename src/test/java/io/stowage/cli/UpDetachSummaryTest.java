package io.stowage.cli;

import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** up --detach says what it leaves as it is: a task that stopped is counted stopped, with why, not started. */
@Tag("docker")
class UpDetachSummaryTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void aStoppedTaskIsSaidStoppedWithItsReason(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        BusyboxImage.ensure(ENGINE.client());
        Path design = dir.resolve("summary.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "summary",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}],
                   "tasks": [{"id": "job", "run": {"taskDefinition": "job", "count": 1}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [{"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2}]},
                   {"family": "job", "containerDefinitions": [{"name": "job", "image": "%s", "memory": 16,
                     "command": ["/no/such/program"]}]}]}
                """.formatted(TestImages.HTTP, BusyboxImage.NAME));
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.63",
                    design.toString());
            // A task that could not start fails the up, and is not counted as started.
            assertThat(up.exitCode()).as(up.out() + up.err()).isEqualTo(1);
            assertThat(up.outLines()).last().asString().matches("1 task running, 1 stopped \\(job/[0-9a-f]{8}: "
                    + "CannotStartContainerError: .*\\); stowage ps .* shows them, stowage down .* removes them");
        } finally {
            CliRun.of("down", design.toString());
        }
    }

    @Test
    void aCrashLoopingServiceDoesNotKeepUpWaitingAndTheAgentGoesOnReplacingItsTasks(@TempDir Path dir)
            throws Exception {
        TestImages.ensure(ENGINE.client());
        Path design = dir.resolve("crashloop.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "crashloop",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [{"name": "quits", "image": "%s", "memory": 16}]}]}
                """.formatted(TestImages.EXIT_1));
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.64",
                    design.toString());
            // It returns once the two tasks of the start have stopped, not when ECS's scheduler gives up on the
            // service after its replacements kept failing (which took 30 s and 16 tasks here before).
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).doesNotContain("unable to consistently start tasks");
            // Each of the start's two tasks is said as it was when both had run: running (its container about
            // to exit) or stopped with ECS's reason; the replacements since are counted apart.
            String last = up.outLines().get(up.outLines().size() - 1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]) tasks? running(, ([0-9]) stopped "
                    + "\\((web/[0-9a-f]{8}: Essential container in task exited(; )?)+\\))?"
                    + "(, ([0-9]) stopping( \\(web/[0-9a-f]{8}: Essential container in task exited\\))?)?"
                    + "(; the services have started [0-9]+ tasks? since, which the agent keeps supervising)?"
                    + "; stowage ps .* shows them, stowage down .* removes them").matcher(last);
            assertThat(m.matches()).as(last).isTrue();
            assertThat(Integer.parseInt(m.group(1)) + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)))
                    + (m.group(7) == null ? 0 : Integer.parseInt(m.group(7))))
                    .as(last).isEqualTo(2);

            // After up has returned, the agent goes on: the service's replacements are started (and stop).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            int tasks = 0;
            while (tasks <= 2 && System.nanoTime() < deadline) {
                CliRun ps = CliRun.of("ps", "--json", design.toString());
                tasks = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(ps.out())
                        .path("tasks").size();
            }
            assertThat(tasks).as("tasks ps lists after up returned").isGreaterThan(2);
        } finally {
            CliRun.of("down", design.toString());
        }
    }
}
