package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.engine.ecs.EcsClients;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.PrivateRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A design's Dockerfile context to a registered task definition: {@code stowage build --push} builds the image,
 * pushes it to a registry with htpasswd authentication (credentials from config.json) and records the digest the
 * registry gave; {@code stowage deploy} then registers {@code image@sha256:...}. A changed Dockerfile gives a new
 * digest and exactly one new revision.
 */
@Tag("docker")
@Tag("ecs")
class BuildPushDeployTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "stowage";
    private static final String PASSWORD = "build-push-pw";

    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private String[] ecs(String... args) {
        String[] out = new String[args.length + 4];
        System.arraycopy(args, 0, out, 0, args.length);
        out[args.length] = "--region";
        out[args.length + 1] = ECS.region();
        out[args.length + 2] = "--endpoint-url";
        out[args.length + 3] = ECS.endpoint().toString();
        return out;
    }

    /** A Fargate service whose container's image is built from ./web. */
    private Path design(String image) throws Exception {
        Path td = Files.writeString(dir.resolve("web.json"), """
                {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "%s"}]}
                """.formatted(image));
        Path design = dir.resolve("shop.stowage.json");
        CliRun imported = CliRun.of("import", td.toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode root = JSON.readTree(design.toFile());
        ((ObjectNode) root.path("clusters").get(0).path("services").get(0)).putObject("imageBuilds")
                .putObject("web").put("context", "web");
        Files.writeString(design, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return design;
    }

    /** Unique to this run, so that no layer comes from the builder's cache of an earlier one. */
    private final String nonce = Long.toHexString(System.nanoTime());

    private Path dockerfile(String version) throws Exception {
        Path context = Files.createDirectories(dir.resolve("web"));
        return Files.writeString(context.resolve("Dockerfile"), "FROM " + BusyboxImage.NAME + "\n"
                + "RUN echo building-" + version + " && echo " + version + "-" + nonce + " > /version\n"
                + "CMD [\"cat\", \"/version\"]\n");
    }

    private Path dockerConfig(String host) throws Exception {
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"), "{\"auths\": {\"" + host + "\": {\"auth\": \"" + auth + "\"}}}");
        return config;
    }

    /** The digest the registry itself serves for the tag, asked over HTTP with the same credentials. */
    private static String registryDigest(String host, String repository, String tag) throws Exception {
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + host + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
                        + "application/vnd.docker.distribution.manifest.list.v2+json").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private String recordedDigest(String image) throws Exception {
        return JSON.readTree(dir.resolve("shop.images.json").toFile()).path("images").path(image).path("digest")
                .asText(null);
    }

    @Test
    void buildPushThenDeployRegistersThePushedDigestAndAChangedDockerfileOneNewRevision() throws Exception {
        ECS.reset();
        BusyboxImage.ensure(ENGINE.client());
        Files.createDirectories(dir.resolve("registry"));
        try (var registry = PrivateRegistry.start(dir.resolve("registry"), USER, PASSWORD)) {
            String repository = "stowage-it/web";
            String image = registry.host() + "/" + repository + ":dev";
            Path design = design(image);
            dockerfile("v1");
            Path config = dockerConfig(registry.host());
            try {
                CliRun built = CliRun.of(ecs("build", "--push", "--docker-config", config.toString(),
                        design.toString()));
                assertThat(built.exitCode()).as(built.out() + built.err()).isZero();
                assertThat(built.out()).contains("building " + image).contains("  building-v1")
                        .contains("pushed " + image + " sha256:");
                String first = recordedDigest(image);
                assertThat(first).isEqualTo(registryDigest(registry.host(), repository, "dev"));

                CliRun plan = CliRun.of(ecs("deploy", design.toString()));
                assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
                String pinned = registry.host() + "/" + repository + "@" + first;
                assertThat(plan.out()).contains("note: image " + image + " registered as " + pinned);
                CliRun applied = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
                assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
                assertThat(registeredImages()).containsExactly(pinned);

                CliRun unchanged = CliRun.of(ecs("deploy", design.toString()));
                assertThat(unchanged.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");

                dockerfile("v2");
                CliRun rebuilt = CliRun.of(ecs("build", "--push", "--docker-config", config.toString(),
                        design.toString()));
                assertThat(rebuilt.exitCode()).as(rebuilt.out() + rebuilt.err()).isZero();
                String second = recordedDigest(image);
                assertThat(second).isNotEqualTo(first).isEqualTo(registryDigest(registry.host(), repository, "dev"));

                CliRun again = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
                assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
                assertThat(again.out()).contains("register task definition web revision 2");
                String repinned = registry.host() + "/" + repository + "@" + second;
                assertThat(registeredImages()).containsExactly(pinned, repinned);
                try (EcsClient ecs = EcsClients.create(ECS.settings())) {
                    assertThat(ecs.describeServices(r -> r.cluster("default").services("web")).services().get(0)
                            .taskDefinition()).endsWith("task-definition/web:2");
                }

                CliRun byTag = CliRun.of(ecs("deploy", "--images", "tag", design.toString()));
                assertThat(byTag.exitCode()).as(byTag.out() + byTag.err()).isZero();
                assertThat(byTag.out()).contains("note: image " + image + " registered by its tag (--images tag);"
                        + " the digest pushed last is " + second);
            } finally {
                removeImage(image);
            }
        }
    }

    /** Each revision's image, oldest first. */
    private List<String> registeredImages() {
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            return ecs.listTaskDefinitions(r -> r.familyPrefix("web").sort("ASC")).taskDefinitionArns().stream()
                    .map(arn -> ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition()
                            .containerDefinitions().get(0).image()).toList();
        }
    }

    @Test
    void aFailingStepEndsTheBuildWithTheBuildersLinesAndNothingIsRecorded() throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        String image = "stowage-it/broken:dev";
        Path design = design(image);
        Path context = Files.createDirectories(dir.resolve("web"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BusyboxImage.NAME + "\n"
                + "RUN echo before-the-failure " + nonce + " && exit 3\n");
        try {
            CliRun built = CliRun.of("build", "--push", design.toString());

            assertThat(built.exitCode()).as(built.out() + built.err()).isEqualTo(1);
            assertThat(built.out()).contains("  before-the-failure " + nonce);
            assertThat(built.err()).contains("stowage build: building " + image + " from " + context + " failed: ")
                    .contains("returned a non-zero code: 3").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(dir.resolve("shop.images.json")).doesNotExist();
        } finally {
            removeImage(image);
        }
    }

    @Test
    void pushingWhatIsNotBuiltOrWithoutCredentialsSaysSoAndKeepsTheRecord() throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Files.createDirectories(dir.resolve("registry"));
        try (var registry = PrivateRegistry.start(dir.resolve("registry"), USER, PASSWORD)) {
            String image = registry.host() + "/stowage-it/unbuilt:" + System.nanoTime();
            Path design = design(image);
            dockerfile("v1");
            Path empty = Files.createDirectories(dir.resolve("no-credentials"));

            CliRun unbuilt = CliRun.of("push", "--docker-config", empty.toString(), design.toString());
            assertThat(unbuilt.exitCode()).as(unbuilt.out() + unbuilt.err()).isEqualTo(1);
            assertThat(unbuilt.err()).contains(image + " is not built on this Docker engine; stowage build");

            try {
                assertThat(CliRun.of("build", design.toString()).exitCode()).isZero();
                CliRun refused = CliRun.of("push", "--docker-config", empty.toString(), design.toString());
                assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
                assertThat(refused.err()).contains("stowage push: pushing " + image + " failed: ");
                assertThat(dir.resolve("shop.images.json")).doesNotExist();

                Files.writeString(dir.resolve("shop.images.json"), "{\"images\": {\"x\": {\"digest\": \"md5:1\"}}}");
                CliRun unreadable = CliRun.of("push", "--docker-config", dockerConfig(registry.host()).toString(),
                        design.toString());
                assertThat(unreadable.exitCode()).isEqualTo(2);
                assertThat(unreadable.err()).contains("shop.images.json").contains("images.x.digest: expected");
                assertThat(Files.readString(dir.resolve("shop.images.json"))).contains("md5:1");
            } finally {
                removeImage(image);
            }
        }
    }

    private static void removeImage(String image) {
        try {
            ENGINE.client().removeImageCmd(image).withForce(true).exec();
        } catch (RuntimeException gone) {
            // not built
        }
    }
}
