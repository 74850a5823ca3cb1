package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.FinishedContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("docker")
@ExtendWith(DockerEngineExtension.class)
class DockerEngineTest {

    @Test
    void runsAContainerToItsEndAndReadsItsOutput(DockerClient docker) {
        var run = FinishedContainer.run(docker,
                docker.createContainerCmd(BusyboxImage.NAME).withCmd("echo", "hello-from-stowage"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).isEqualTo("hello-from-stowage\n");
    }

    @Test
    void reportsANonZeroExitCode(DockerClient docker) {
        var run = FinishedContainer.run(docker,
                docker.createContainerCmd(BusyboxImage.NAME).withCmd("sh", "-c", "echo failing >&2; exit 3"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).isEqualTo("failing\n");
    }

    @Test
    void testImageKnowsTheNobodyUser(DockerClient docker) {
        var run = FinishedContainer.run(docker,
                docker.createContainerCmd(BusyboxImage.NAME).withUser("nobody").withCmd("id"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).startsWith("uid=65534(nobody) gid=65534(nobody)");
    }

    @Test
    void containersFindEachOtherByNameOnAUserDefinedBridgeNetwork(DockerClient docker) {
        String suffix = Long.toString(ProcessHandle.current().pid());
        String network = docker.createNetworkCmd().withName("stowage-test-bridge-" + suffix)
                .withDriver("bridge").withLabels(DockerEngineExtension.LABELS).exec().getId();
        String serverName = "stowage-test-server-" + suffix;
        String server = docker.createContainerCmd(BusyboxImage.NAME)
                .withName(serverName)
                .withLabels(DockerEngineExtension.LABELS)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
                .withCmd("sh", "-c", "echo served > /tmp/index.html && exec httpd -f -p 8080 -h /tmp")
                .exec().getId();
        docker.startContainerCmd(server).exec();

        // The server may need a moment to listen: the client retries, bounded to about five seconds.
        var client = FinishedContainer.run(docker, docker.createContainerCmd(BusyboxImage.NAME)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
                .withCmd("sh", "-c", "for i in $(seq 50); do wget -qO- http://" + serverName
                        + ":8080/index.html && exit 0; sleep 0.1; done; exit 1"));

        assertThat(client.exitCode()).as(client.output()).isZero();
        assertThat(client.output()).contains("served");
    }
}
