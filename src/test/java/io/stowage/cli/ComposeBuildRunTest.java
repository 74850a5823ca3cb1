package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compose file with {@code build:} imported into a design (the entry's imageBuilds) runs with {@code stowage up}:
 * the image is built from the context and the container runs it.
 */
@Tag("docker")
class ComposeBuildRunTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final String IMAGE = "stowagebuildtest-web";

    @Test
    void anImportedComposeBuildIsBuiltAndRunByUp(@TempDir Path dir) throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BusyboxImage.NAME + "\n"
                + "LABEL io.stowage.test=true\n"
                + "CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo built-from-ctx; sleep 3600 & wait\"]\n");
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, """
                name: stowagebuildtest
                services:
                  web:
                    build: ./ctx
                    mem_limit: 32m
                    stop_grace_period: 2s
                """);
        Path design = dir.resolve("built.stowage.json");
        try {
            CliRun imported = CliRun.of("import", compose.toString(), "-o", design.toString(), "--name", "built");
            assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
            assertThat(Files.readString(design)).contains("\"imageBuilds\"");

            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.77",
                    "--task-addresses", "127.0.87", design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).contains("built " + IMAGE);

            CliRun ps = CliRun.of("ps", "--json", design.toString());
            JsonNode container = new ObjectMapper().readTree(ps.out()).path("tasks").get(0).path("containers").get(0);
            assertThat(container.path("lastStatus").asText()).isEqualTo("RUNNING");
            var inspect = ENGINE.client().inspectContainerCmd(container.path("runtimeId").asText()).exec();
            assertThat(inspect.getImageId()).isEqualTo(ENGINE.client().inspectImageCmd(IMAGE).exec().getId());
            CliRun logs = CliRun.of("logs", design.toString(), "web");
            assertThat(logs.outLines()).contains("built-from-ctx");
        } finally {
            CliRun.of("down", design.toString());
            try {
                ENGINE.client().removeImageCmd(IMAGE).withForce(true).exec();
            } catch (RuntimeException gone) {
                // not built
            }
        }
    }
}
