package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ImageBuild;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonText;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeImportTest {
    static final Path SHOP = Path.of("src/test/resources/compose/shop/compose.yml");

    @TempDir
    Path dir;

    private static ComposeImport.Result importShop(List<String> profiles, boolean singleTask, Map<String, String> env)
            throws UnreadableFileException {
        return ComposeImport.read(List.of(SHOP), new ComposeImport.Options(null, profiles, singleTask,
                SHOP.toAbsolutePath().getParent(), env));
    }

    private static ContainerDefinition container(Design design, String family) {
        return design.taskDefinition(family).orElseThrow().containerDefinitions().get(0);
    }

    private static String json(Object ecs) {
        return ecs instanceof io.stowage.model.ecs.EcsObject<?> o ? JsonText.compact(o.json()) : String.valueOf(ecs);
    }

    @Test
    void eachServiceBecomesATaskDefinitionAndAServiceOnTheNamedCluster() throws Exception {
        ComposeImport.Result result = importShop(List.of(), false, Map.of());
        Design design = result.imported().design();

        assertThat(design.name()).isEqualTo("shop");
        Cluster cluster = design.clusters().get(0);
        assertThat(cluster.name()).isEqualTo("shop-cluster");
        assertThat(cluster.services()).extracting(Service::id).containsExactly("web", "api", "migrate", "db", "worker");
        assertThat(cluster.tasks()).isEmpty();
        assertThat(design.taskDefinitions().keySet()).containsExactly("web", "api", "migrate", "db", "worker");
        assertThat(design.taskDefinitionList()).allSatisfy(td -> {
            assertThat(td.networkMode()).isEqualTo("bridge");
            assertThat(td.containerDefinitions()).hasSize(1);
        });
        assertThat(cluster.instances()).isNotEmpty();
        List<Finding> errors = DesignValidator.validate(design).stream().filter(Finding::isError).toList();
        assertThat(errors).isEmpty();
    }

    @Test
    void portsInEveryFormBecomePortMappings() throws Exception {
        ContainerDefinition web = container(importShop(List.of(), false, Map.of()).imported().design(), "web");
        assertThat(json(web.json().get("portMappings"))).isEqualTo("["
                + "{\"containerPort\":8080,\"hostPort\":80,\"protocol\":\"tcp\"},"
                + "{\"containerPort\":9229,\"hostPort\":9229,\"protocol\":\"tcp\"},"
                + "{\"containerPort\":8443,\"hostPort\":8443,\"protocol\":\"udp\"},"
                + "{\"containerPort\":9000,\"hostPort\":9000,\"protocol\":\"tcp\"},"
                + "{\"containerPort\":9001,\"hostPort\":9001,\"protocol\":\"tcp\"},"
                + "{\"containerPort\":3000,\"protocol\":\"tcp\"},"
                + "{\"name\":\"admin\",\"containerPort\":8081,\"hostPort\":8081,\"protocol\":\"tcp\",\"appProtocol\":\"http\"}]");
    }

    @Test
    void healthChecksDurationsResourcesAndDeploySettingsConvert() throws Exception {
        Design design = importShop(List.of(), false, Map.of()).imported().design();
        ContainerDefinition web = container(design, "web");
        assertThat(json(web.healthCheck())).isEqualTo("{\"command\":[\"CMD-SHELL\",\"curl -f http://localhost:8080/health || exit 1\"],"
                + "\"interval\":90,\"timeout\":10,\"retries\":3,\"startPeriod\":1}");
        assertThat(web.cpu()).isEqualTo(512);
        assertThat(web.memory()).isEqualTo(256);
        assertThat(web.memoryReservation()).isEqualTo(128);
        assertThat(web.command()).containsExactly("npm", "run", "start", "--", "--port", "8080");
        assertThat(json(web.json().get("restartPolicy"))).isEqualTo("{\"enabled\":true}");

        Service webService = design.clusters().get(0).service("web").orElseThrow();
        assertThat(webService.desiredCount()).isEqualTo(2);
        assertThat(json(webService.spec().json().get("deploymentConfiguration"))).isEqualTo(
                "{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":true},\"maximumPercent\":200,\"minimumHealthyPercent\":100}");
        assertThat(json(webService.spec().json().get("placementConstraints")))
                .isEqualTo("[{\"type\":\"memberOf\",\"expression\":\"attribute:zone == us-east-1a\"}]");

        Service db = design.clusters().get(0).service("db").orElseThrow();
        assertThat(db.isDaemon()).isTrue();
        assertThat(db.desiredCount()).isNull();
        assertThat(design.clusters().get(0).service("worker").orElseThrow().desiredCount()).isEqualTo(3);

        TaskDefinition worker = design.taskDefinition("worker").orElseThrow();
        assertThat(worker.runtimePlatform().cpuArchitecture()).isEqualTo("ARM64");
        assertThat(json(worker.containerDefinitions().get(0).json().get("resourceRequirements")))
                .isEqualTo("[{\"type\":\"GPU\",\"value\":\"1\"}]");
        assertThat(worker.containerDefinitions().get(0).cpu()).isEqualTo(256);
    }

    @Test
    void linuxAndContainerSettingsConvert() throws Exception {
        ContainerDefinition api = container(importShop(List.of(), false, Map.of()).imported().design(), "api");
        assertThat(api.entryPoint()).containsExactly("/bin/api");
        assertThat(api.command()).containsExactly("serve", "--verbose");
        assertThat(api.memory()).isEqualTo(512);
        assertThat(api.cpu()).isEqualTo(256);
        assertThat(api.user()).isEqualTo("1000:1000");
        assertThat(api.workingDirectory()).isEqualTo("/srv");
        assertThat(api.stopTimeout()).isEqualTo(90);
        assertThat(api.readonlyRootFilesystem()).isTrue();
        assertThat(json(api.json().get("ulimits"))).isEqualTo("[{\"name\":\"nofile\",\"softLimit\":1024,\"hardLimit\":4096},"
                + "{\"name\":\"nproc\",\"softLimit\":512,\"hardLimit\":512}]");
        assertThat(json(api.json().get("linuxParameters"))).isEqualTo("{\"capabilities\":{\"add\":[\"NET_ADMIN\"],"
                + "\"drop\":[\"MKNOD\"]},\"initProcessEnabled\":true,\"tmpfs\":[{\"containerPath\":\"/run\",\"size\":16}]}");
        assertThat(json(api.json().get("systemControls"))).isEqualTo("[{\"namespace\":\"net.core.somaxconn\",\"value\":\"1024\"}]");
        assertThat(json(api.json().get("extraHosts"))).isEqualTo("[{\"hostname\":\"metadata\",\"ipAddress\":\"169.254.169.254\"}]");
        assertThat(json(api.json().get("dockerLabels"))).isEqualTo("{\"com.example.team\":\"payments\"}");
        assertThat(json(api.json().get("repositoryCredentials")))
                .isEqualTo("{\"credentialsParameter\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-abc\"}");
    }

    @Test
    void environmentComesFromEnvFilesEnvironmentAndTheShellWithDotEnvForInterpolation() throws Exception {
        ComposeImport.Result kept = importShop(List.of(), false, Map.of());
        Design fromDotEnv = kept.imported().design();
        assertThat(container(fromDotEnv, "web").image()).isEqualTo("docker.io/shop/web:from-dotenv");
        // What came from app.env or .env is kept out of the design: secrets whose values the result carries.
        assertThat(json(container(fromDotEnv, "web").json().get("environment"))).isEqualTo("["
                + "{\"name\":\"GREETING\",\"value\":\"hello $USER\"},{\"name\":\"API_URL\",\"value\":\"http://api:3000\"}]");
        assertThat(json(container(fromDotEnv, "web").json().get("secrets"))).isEqualTo("["
                + "{\"name\":\"APP_MODE\",\"valueFrom\":\"/shop/web/APP_MODE\"},"
                + "{\"name\":\"QUOTED\",\"valueFrom\":\"/shop/web/QUOTED\"},"
                + "{\"name\":\"FROM_DOTENV\",\"valueFrom\":\"/shop/web/FROM_DOTENV\"}]");
        assertThat(kept.secrets()).containsExactly(Map.entry("/shop/web/APP_MODE", "production"),
                Map.entry("/shop/web/QUOTED", "two words"), Map.entry("/shop/web/FROM_DOTENV", "from-dotenv"));
        assertThat(json(container(fromDotEnv, "api").json().get("environment")))
                .isEqualTo("[{\"name\":\"DB_HOST\",\"value\":\"db\"},{\"name\":\"LOG_LEVEL\",\"value\":\"${LOG_LEVEL}\"}]");

        ComposeImport.Result inline = ComposeImport.read(List.of(SHOP), new ComposeImport.Options(null, List.of(), false,
                SHOP.toAbsolutePath().getParent(), Map.of(), ImportAdvice.COMMAND_LINE, true));
        assertThat(inline.secrets()).isEmpty();
        assertThat(json(container(inline.imported().design(), "web").json().get("environment"))).isEqualTo("["
                + "{\"name\":\"APP_MODE\",\"value\":\"production\"},{\"name\":\"QUOTED\",\"value\":\"two words\"},"
                + "{\"name\":\"GREETING\",\"value\":\"hello $USER\"},{\"name\":\"API_URL\",\"value\":\"http://api:3000\"},"
                + "{\"name\":\"FROM_DOTENV\",\"value\":\"from-dotenv\"}]");

        ComposeImport.Result shell = importShop(List.of(), false, Map.of("WEB_TAG", "from-shell", "REGISTRY", "ghcr.io",
                "LOG_LEVEL", "debug", "DOTENV_ONLY", "from-shell-too"));
        Design fromShell = shell.imported().design();
        assertThat(container(fromShell, "web").image()).isEqualTo("ghcr.io/shop/web:from-shell");
        assertThat(json(container(fromShell, "api").json().get("environment"))).contains("{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}");
        // A value the shell gives is not the .env file's: it is written as before.
        assertThat(json(container(fromShell, "web").json().get("environment")))
                .contains("{\"name\":\"FROM_DOTENV\",\"value\":\"from-shell-too\"}");
    }

    @Test
    void secretsBecomeEcsSecretsWithAnExecutionRole() throws Exception {
        ComposeImport.Result result = importShop(List.of(), false, Map.of());
        TaskDefinition api = result.imported().design().taskDefinition("api").orElseThrow();
        assertThat(json(api.containerDefinitions().get(0).json().get("secrets"))).isEqualTo("["
                + "{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"<SECRET_ARN:db-password>\"},"
                + "{\"name\":\"API_KEY\",\"valueFrom\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-xyz\"}]");
        assertThat(api.executionRoleArn()).isEqualTo(EnvironmentSettings.EXECUTION_ROLE_PLACEHOLDER);
        assertThat(result.report().items()).anySatisfy(i -> assertThat(i.toString())
                .contains("services.api.secrets[0]", "/run/secrets/db-password", "DB_PASSWORD"));
    }

    @Test
    void volumesBecomeDockerVolumesBindMountsTaskVolumesAndTmpfs() throws Exception {
        Design design = importShop(List.of(), false, Map.of()).imported().design();
        TaskDefinition web = design.taskDefinition("web").orElseThrow();
        String config = SHOP.toAbsolutePath().getParent().resolve("config").normalize().toString();
        assertThat(json(web.json().get("volumes"))).isEqualTo("["
                + "{\"name\":\"static\",\"dockerVolumeConfiguration\":{\"scope\":\"shared\",\"autoprovision\":true,\"driver\":\"local\"}},"
                + "{\"name\":\"web-config\",\"host\":{\"sourcePath\":" + JsonText.quote(config) + "}},"
                + "{\"name\":\"web-data\"}]");
        assertThat(json(web.containerDefinitions().get(0).json().get("mountPoints"))).isEqualTo("["
                + "{\"sourceVolume\":\"static\",\"containerPath\":\"/srv/static\",\"readOnly\":true},"
                + "{\"sourceVolume\":\"web-config\",\"containerPath\":\"/etc/web\",\"readOnly\":true},"
                + "{\"sourceVolume\":\"web-data\",\"containerPath\":\"/var/cache/web\"}]");
        assertThat(json(web.containerDefinitions().get(0).linuxParameters().json()))
                .isEqualTo("{\"tmpfs\":[{\"containerPath\":\"/tmp\",\"size\":32}]}");
        assertThat(json(design.taskDefinition("db").orElseThrow().json().get("volumes"))).isEqualTo("[{\"name\":\"pgdata\","
                + "\"dockerVolumeConfiguration\":{\"scope\":\"shared\",\"autoprovision\":true,\"driver\":\"local\","
                + "\"labels\":{\"backup\":\"daily\"}}}]");
        assertThat(container(design, "db").json().get("linuxParameters").toString()).isEqualTo("{\"sharedMemorySize\":256}");
    }

    @Test
    void buildContextsAreKeptAsTheImageBuildExtensionRelativeToTheDesign() throws Exception {
        Design design = importShop(List.of(), false, Map.of()).imported().design();
        Map<String, ImageBuild> builds = ImageBuild.in(design.clusters().get(0).service("web").orElseThrow().extras());
        assertThat(builds).containsOnlyKeys("web");
        ImageBuild web = builds.get("web");
        assertThat(web.context()).isEqualTo("web");
        assertThat(web.dockerfile()).isEqualTo("Dockerfile.prod");
        assertThat(web.target()).isEqualTo("runtime");
        assertThat(web.args()).containsExactly(Map.entry("NODE_ENV", "production"));
    }

    @Test
    void theReportListsWhatDidNotMapWithFileAndLine() throws Exception {
        ConversionReport report = importShop(List.of(), false, Map.of()).report();
        assertThat(report.items(ConversionReport.Kind.NOT_MAPPED)).extracting(ConversionReport.Item::path).contains(
                "services.web.networks", "services.web.container_name", "services.web.volumes[1]",
                "services.web.deploy.placement.constraints[1]", "services.api.expose", "services.db.healthcheck",
                "services.worker.pids_limit", "services.seed", "volumes.unused", "networks.front", "x-common",
                "services.web.depends_on.api", "services.web.depends_on.migrate", "services.api.depends_on.db");
        ConversionReport.Item networks = report.items().stream()
                .filter(i -> i.path().equals("services.web.networks")).findFirst().orElseThrow();
        assertThat(networks.file()).isEqualTo(SHOP);
        assertThat(networks.position().line()).isEqualTo(77);
        assertThat(networks.toString()).startsWith(SHOP + ":77:7: not mapped: services.web.networks: ");
        assertThat(report.items().stream().map(ConversionReport.Item::toString))
                .anySatisfy(line -> assertThat(line).contains("services.seed", "--compose-profile tools"));
    }

    @Test
    void theReportAdvisesInTheWordsOfWhoeverImports() throws Exception {
        ImportAdvice dialog = new ImportAdvice("with the one-task box ticked", "with profile %s ticked",
                "by ticking one");
        ConversionReport report = ComposeImport.read(List.of(SHOP), new ComposeImport.Options(null, List.of(), false,
                SHOP.toAbsolutePath().getParent(), Map.of(), dialog)).report();
        List<String> lines = report.items().stream().map(ConversionReport.Item::toString).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("services.seed", "with profile tools ticked"))
                .anySatisfy(line -> assertThat(line).contains("services.web.networks", "with the one-task box ticked"))
                .noneSatisfy(line -> assertThat(line).containsAnyOf("--single-task", "--compose-profile"));
    }

    @Test
    void profilesAreAChoiceAtImport() throws Exception {
        Design withTools = importShop(List.of("tools"), false, Map.of()).imported().design();
        assertThat(withTools.taskDefinitions()).containsKey("seed");
        Design fromEnvironment = importShop(List.of(), false, Map.of("COMPOSE_PROFILES", "other,tools")).imported().design();
        assertThat(fromEnvironment.taskDefinitions()).containsKey("seed");
    }

    @Test
    void theProfilesTheServicesUseAreListedForAnImportToOffer() throws Exception {
        assertThat(ComposeImport.profiles(List.of(SHOP), Map.of())).containsExactly("tools");
        Path plain = Files.writeString(dir.resolve("plain.yml"), "services:\n  web:\n    image: nginx\n");
        assertThat(ComposeImport.profiles(List.of(plain), Map.of())).isEmpty();
    }

    @Test
    void singleTaskKeepsDependsOnWithItsConditionsAndLinks() throws Exception {
        ComposeImport.Result result = importShop(List.of(), true, Map.of());
        Design design = result.imported().design();
        assertThat(design.taskDefinitions()).containsOnlyKeys("shop");
        TaskDefinition task = design.taskDefinition("shop").orElseThrow();
        assertThat(task.containerDefinitions()).extracting(ContainerDefinition::name)
                .containsExactly("web", "api", "migrate", "db", "worker");
        assertThat(json(task.containerDefinitions().get(0).json().get("dependsOn"))).isEqualTo(
                "[{\"containerName\":\"api\",\"condition\":\"HEALTHY\"},{\"containerName\":\"migrate\",\"condition\":\"SUCCESS\"}]");
        assertThat(json(task.containerDefinitions().get(1).json().get("dependsOn")))
                .isEqualTo("[{\"containerName\":\"db\",\"condition\":\"START\"}]");
        assertThat(task.containerDefinitions().get(2).essential()).isFalse();
        assertThat(design.clusters().get(0).services()).hasSize(1);
        assertThat(ImageBuild.in(design.clusters().get(0).services().get(0).extras())).containsOnlyKeys("web");
        assertThat(result.report().mentions("services.web.depends_on")).isFalse();
        assertThat(result.report().items()).anySatisfy(i -> assertThat(i.path()).isEqualTo("services.web.deploy"));
    }

    @Test
    void aJobBecomesAStandaloneTask() throws Exception {
        Path file = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  migrate:
                    image: shop/api:1.4
                    deploy:
                      mode: replicated-job
                      replicas: 2
                    mem_limit: 64m
                """);
        Design design = ComposeImport.read(List.of(file), new ComposeImport.Options("jobs", List.of(), false, dir,
                Map.of())).imported().design();
        Cluster cluster = design.clusters().get(0);
        assertThat(cluster.services()).isEmpty();
        assertThat(cluster.tasks()).singleElement().satisfies(t -> assertThat(t.count()).isEqualTo(2));
    }

    @Test
    void filesMergeInOrderAsComposeOverridesDo() throws Exception {
        Path base = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  app:
                    image: app:1
                    command: ["serve"]
                    environment: [A=1, B=2]
                    ports: ["80:80"]
                    volumes: ["data:/data", "./conf:/conf"]
                volumes:
                  data: {}
                """);
        Path override = Files.writeString(dir.resolve("compose.override.yml"), """
                services:
                  app:
                    command: ["debug"]
                    environment:
                      B: 3
                    ports: ["9229:9229"]
                    volumes: ["./other:/conf"]
                  proxy:
                    image: nginx
                """);
        ComposeImport.Result result = ComposeImport.read(List.of(base, override),
                new ComposeImport.Options(null, List.of(), false, dir, Map.of()));
        ContainerDefinition app = container(result.imported().design(), "app");
        assertThat(app.command()).containsExactly("debug");
        assertThat(json(app.json().get("environment")))
                .isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"}]");
        assertThat(app.portMappings()).hasSize(2);
        assertThat(json(app.json().get("mountPoints"))).contains("\"/data\"").contains("\"/conf\"")
                .doesNotContain("conf\",\"containerPath\":\"/conf\",\"x");
        assertThat(result.imported().design().taskDefinition("app").orElseThrow().json().get("volumes").toString())
                .contains(dir.resolve("other").toString()).doesNotContain(dir.resolve("conf").toString());
        assertThat(result.services()).containsExactly("app", "proxy");
        assertThat(result.project()).isEqualTo(dir.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9_-]", ""));
    }

    @Test
    void aRequiredVariableRefusesTheFileAtItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  app:
                    image: registry/app:${TAG:?give the release tag}
                """);
        assertThatThrownBy(() -> ComposeImport.read(List.of(file), new ComposeImport.Options(null, List.of(), false,
                dir, Map.of())))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(file + ":3:12: services.app.image: required variable TAG is not set: give the release tag");
    }

    @Test
    void aFileWithoutServicesOrWithOnlyOverridesIsRefusedWithTheReason() throws Exception {
        Path none = Files.writeString(dir.resolve("none.yml"), "volumes:\n  data: {}\n");
        assertThatThrownBy(() -> ComposeImport.read(List.of(none), new ComposeImport.Options(null, List.of(), false,
                dir, Map.of()))).hasMessageContaining("no services");
        Path override = Files.writeString(dir.resolve("override.yml"), "services:\n  app:\n    command: debug\n");
        assertThatThrownBy(() -> ComposeImport.read(List.of(override), new ComposeImport.Options(null, List.of(),
                false, dir, Map.of()))).hasMessageContaining("app have neither image nor build");
    }

    @Test
    void ecsExtensionsMapWhereADesignHasAPlace() throws Exception {
        Path file = Files.writeString(dir.resolve("compose.yml"), """
                x-aws-vpc: vpc-123
                services:
                  app:
                    image: private.example.com/app:1
                    x-aws-pull_credentials: arn:aws:secretsmanager:eu-west-1:012345678912:secret:pull
                    x-aws-policies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
                    deploy:
                      update_config:
                        x-aws-min_percent: 25
                        x-aws-max_percent: 125
                """);
        ComposeImport.Result result = ComposeImport.read(List.of(file), new ComposeImport.Options(null, List.of(),
                false, dir, Map.of()));
        Service app = result.imported().design().clusters().get(0).services().get(0);
        assertThat(json(app.spec().json().get("deploymentConfiguration")))
                .isEqualTo("{\"maximumPercent\":125,\"minimumHealthyPercent\":25}");
        assertThat(container(result.imported().design(), "app").repositoryCredentials().credentialsParameter())
                .isEqualTo("arn:aws:secretsmanager:eu-west-1:012345678912:secret:pull");
        assertThat(result.report().items(ConversionReport.Kind.NOT_MAPPED)).extracting(ConversionReport.Item::path)
                .contains("x-aws-vpc", "services.app.x-aws-policies");
    }
}
