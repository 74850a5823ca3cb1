package io.stowage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** validate warns about a bind of the Docker socket and about host-mode ports, from a compose file and a task definition. */
class HostExposureValidateTest {
    @TempDir
    Path dir;

    @Test
    void aComposeFileThatBindsTheDockerSocketAndUsesTheHostNetworkIsWarnedAboutAfterImport() throws Exception {
        Path compose = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  watcher:
                    image: containrrr/watchtower
                    volumes:
                      - /var/run/docker.sock:/var/run/docker.sock:ro
                  proxy:
                    image: nginx
                    network_mode: host
                    ports:
                      - "80:80"
                  web:
                    image: nginx
                    ports:
                      - "127.0.0.1:8080:80"
                """);
        Path design = dir.resolve("d.stowage.json");
        CliRun imported = CliRun.of("import", compose.toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CliRun run = CliRun.of("validate", design.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("warning: taskDefinitions\\[0]\\.volumes\\[0]\\.host\\.sourcePath: This "
                + "volume binds the host's Docker socket \\(\"/var/run/docker.sock\"\\) into watcher: whoever runs in a "
                + "container that mounts it controls the Docker engine and so the whole host, also when the mount is "
                + "read-only.* \\[docker-socket-mount]");
        assertThat(run.out()).contains("warning: taskDefinitions[1].containerDefinitions[0].portMappings: In host "
                + "network mode, container proxy listens on port 80 on every interface of the instance");
        assertThat(run.out()).contains("[host-network-ports]");
        assertThat(run.out().lines().filter(l -> l.contains("taskDefinitions[2]")))
                .as("a bridge service's ports are mapped where the design says").isEmpty();
    }

    @Test
    void aTaskDefinitionBindingTheRunFolderOrTheSocketIsWarnedAboutAndOtherBindsAreNot() throws Exception {
        Path file = Files.writeString(dir.resolve("agent.json"), """
                {"family": "agent", "networkMode": "bridge",
                 "volumes": [{"name": "run", "host": {"sourcePath": "/var/run/"}},
                             {"name": "sock", "host": {"sourcePath": "/run/docker.sock"}},
                             {"name": "logs", "host": {"sourcePath": "/var/log"}}],
                 "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64,
                   "mountPoints": [{"sourceVolume": "run", "containerPath": "/host/run"},
                                   {"sourceVolume": "logs", "containerPath": "/host/log"}]}]}
                """);

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.out()).contains(": warning: volumes[0].host.sourcePath: This volume binds the host's Docker "
                + "socket (\"/var/run/\") into a: ");
        assertThat(run.out()).contains(": warning: volumes[1].host.sourcePath: This volume binds the host's Docker "
                + "socket (\"/run/docker.sock\"): ");
        assertThat(run.out()).doesNotContain("volumes[2]");
    }

    @Test
    void aDesignWhoseLocalRunPublishesOnAllInterfacesIsWarnedAbout() throws Exception {
        Path compose = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  web:
                    image: nginx
                    ports:
                      - "8080:80"
                """);
        Path design = dir.resolve("d.stowage.json");
        assertThat(CliRun.of("import", compose.toString(), "-o", design.toString()).exitCode()).isZero();
        assertThat(CliRun.of("validate", design.toString()).out()).doesNotContain("design-publish-all-interfaces");

        String text = Files.readString(design);
        Files.writeString(design, text.substring(0, text.lastIndexOf('}')).stripTrailing()
                + ",\n  \"localRun\": {\"publishAllInterfaces\": true}\n}\n");
        CliRun run = CliRun.of("validate", design.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains(": warning: localRun.publishAllInterfaces: a local run of this design publishes "
                + "its host ports on all interfaces (0.0.0.0)").contains("[design-publish-all-interfaces]");
    }
}
