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
}
