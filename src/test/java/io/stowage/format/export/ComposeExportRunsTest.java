package io.stowage.format.export;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.stowage.format.ConversionReport;
import io.stowage.format.compose.ComposeExport;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose export of the example design passes {@code docker-compose config} and really runs with
 * {@code docker-compose up -d} on the Docker engine: the example's images are swapped for the locally built
 * busybox image (no registry can be reached) and its fixed host port for a free one, everything else as designed.
 */
@Tag("docker")
@ExtendWith(DockerEngineExtension.class)
class ComposeExportRunsTest {
    @TempDir
    Path dir;

    @Test
    void theExampleDesignRunsWithDockerCompose(DockerClient docker) throws Exception {
        ExternalTool.require("docker-compose", "docker-compose", "version");
        int port = freePortPair();
        Design design = runnableLocally(ExampleDesigns.firstStart().design(), port);
        ComposeExport.Result export = ComposeExport.export(design);
        Path file = Files.writeString(dir.resolve("compose.yaml"), export.text());
        String project = "stowage-test-" + UUID.randomUUID().toString().substring(0, 8);

        ExternalTool.Run config = compose(project, "config", "-q");
        assertThat(config.exitCode()).as(config.output()).isZero();
        try {
            ExternalTool.Run up = compose(project, "up", "-d");
            assertThat(up.exitCode()).as(up.output()).isZero();

            String body;
            try {
                body = awaitHttp("http://127.0.0.1:" + port + "/", Duration.ofSeconds(60));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + compose(project, "ps").output()
                        + compose(project, "logs", "--no-color", "--tail", "20").output(), e);
            }
            assertThat(body).isEqualTo("served by web\n");
            Map<String, Long> running = runningByService(docker, project);
            assertThat(running).containsEntry("web-nginx", 2L).containsEntry("api", 3L).containsEntry("worker", 1L)
                    .containsEntry("report", 1L);
            ExternalTool.Run smoke = awaitLogs(project, "smoke-test", "smoke test passed", Duration.ofSeconds(30));
            assertThat(smoke.output()).contains("smoke test passed");
            assertThat(awaitHttp("http://127.0.0.1:" + apiPort(project) + "/", Duration.ofSeconds(30)))
                    .isEqualTo("hello from the api\n");
        } finally {
            ExternalTool.Run down = compose(project, "down", "-v", "--remove-orphans", "--timeout", "1");
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
        assertThat(runningByService(docker, project)).isEmpty();
        assertThat(file).exists();
    }

    @Test
    void theReportSaysWhatComposeCannotExpress() {
        ConversionReport report = ComposeExport.export(ExampleDesigns.firstStart().design()).report();
        assertThat(report.items()).extracting(ConversionReport.Item::path).contains(
                "taskDefinitions[0].containerDefinitions", "clusters[0].services[0].service.placementConstraints",
                "clusters[0].services[1].service.placementStrategy", "taskDefinitions[2].networkMode",
                "taskDefinitions[2].executionRoleArn", "taskDefinitions[2].containerDefinitions[0].logConfiguration");
        assertThat(report.items().stream().filter(i -> i.path().equals("taskDefinitions[0].containerDefinitions")))
                .singleElement().satisfies(i -> assertThat(i.message()).contains("essential"));
    }

    @Test
    void anImportedComposeFileExportsBackToOneComposeAccepts() throws Exception {
        ExternalTool.require("docker-compose", "docker-compose", "version");
        Path shop = Path.of("src/test/resources/compose/shop/compose.yml");
        Path designFile = dir.resolve("designs/shop.stowage.json");
        for (boolean singleTask : new boolean[] {false, true}) {
            Design design = io.stowage.format.compose.ComposeImport.read(List.of(shop),
                    new io.stowage.format.compose.ComposeImport.Options(null, List.of("tools"), singleTask,
                            designFile.getParent(), Map.of())).imported().design();
            Path out = dir.resolve("out/compose.yaml");
            DesignExport.write(design, designFile, DesignExport.Target.COMPOSE, out);

            ExternalTool.Run config = ExternalTool.run(dir, 120, "docker-compose", "-f", out.toString(), "config");
            assertThat(config.exitCode()).as(config.output()).isZero();
            // The build context still names the directory beside the compose file it came from.
            assertThat(config.output()).contains("context: " + shop.toAbsolutePath().getParent().resolve("web"));
            assertThat(config.output()).contains("GREETING: hello $$USER");
        }
    }

    private ExternalTool.Run compose(String project, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", project, "-f",
                dir.resolve("compose.yaml").toString()));
        command.addAll(List.of(args));
        return ExternalTool.run(dir, 180, command);
    }

    /** The host port compose chose for the first api replica's container port 3000. */
    private int apiPort(String project) throws IOException {
        ExternalTool.Run port = compose(project, "port", "--index=1", "api", "3000");
        assertThat(port.exitCode()).as(port.output()).isZero();
        String line = port.output().strip();
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
    }

    private static Map<String, Long> runningByService(DockerClient docker, String project) {
        List<Container> containers = docker.listContainersCmd()
                .withLabelFilter(Map.of("com.docker.compose.project", project)).exec();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Container container : containers) {
            out.merge(container.getLabels().get("com.docker.compose.service"), 1L, Long::sum);
        }
        return out;
    }

    /** Polls, because compose reports no event when a container first answers. */
    private static String awaitHttp(String url, Duration within) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nothing answered at " + url + " within " + within, last);
    }

    private ExternalTool.Run awaitLogs(String project, String service, String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        ExternalTool.Run logs;
        do {
            logs = compose(project, "logs", "--no-color", service);
            if (logs.output().contains(text)) {
                return logs;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return logs;
    }

    /** Two free consecutive ports: the web service's two replicas publish one each. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // Try another pair.
            }
        }
        throw new IOException("no two consecutive free ports");
    }

    /** The example with the test image for every container, commands busybox has, and a free host port. */
    static Design runnableLocally(Design example, int hostPort) {
        Design design = example;
        for (TaskDefinition td : example.taskDefinitionList()) {
            List<ContainerDefinition> containers = new ArrayList<>();
            for (ContainerDefinition container : td.containerDefinitions()) {
                // The image labels its containers for DockerEngineExtension's sweep, which other test classes run
                // at their end; on an engine shared by concurrent builds that would remove these mid-test. They are
                // this test's to remove (docker-compose down), so the container label overrides the image's.
                ContainerDefinition local = container.withImage(BusyboxImage.NAME)
                        .withDockerLabels(Map.of(DockerEngineExtension.TEST_LABEL, "compose-export"));
                switch (container.name()) {
                    case "nginx" -> local = local.withCommand(List.of("sh", "-c",
                                    "mkdir -p /tmp/www && echo served by web > /tmp/www/index.html && httpd -f -p 80 -h /tmp/www"))
                            .withMember("healthCheck", JsonObject.builder().put("command", JsonArray.ofStrings(List.of(
                                    "CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1")))
                                    .put("interval", 5).put("timeout", 2).put("retries", 3).build())
                            .withMember("portMappings", JsonArray.of(List.of(JsonObject.builder()
                                    .put("containerPort", 80).put("hostPort", JsonNumber.of(hostPort))
                                    .put("protocol", "tcp").build())));
                    case "api" -> local = local.withCommand(List.of("sh", "-c",
                            "mkdir -p /tmp/www && echo \"$GREETING\" > /tmp/www/index.html && httpd -f -p \"$PORT\" -h /tmp/www"));
                    default -> { }
                }
                containers.add(local);
            }
            design = design.withTaskDefinition(td.withContainerDefinitions(containers));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Cluster cluster : design.clusters()) {
            List<StandaloneTask> tasks = new ArrayList<>();
            for (StandaloneTask task : cluster.tasks()) {
                JsonObject override = JsonObject.builder().put("name", "api").put("command",
                        JsonArray.of(List.of(new JsonString("echo"), new JsonString("smoke test passed")))).build();
                tasks.add(task.withRun(new io.stowage.model.ecs.RunTaskSpec(task.run().json().with("overrides",
                        JsonObject.builder().put("containerOverrides", JsonArray.of(List.of(override))).build()))));
            }
            clusters.add(cluster.withTasks(tasks));
        }
        return design.withClusters(clusters);
    }
}
