package io.stowage.format.design;

import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.design.Service;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesignFormatTest {
    @TempDir
    Path temp;

    @Test
    void readsEveryPartOfADesign() throws Exception {
        Design design = DesignFormat.read(DesignFiles.of("full.stowage.json")).design();

        assertThat(design.name()).isEqualTo("Everything a design can hold");
        Cluster cluster = design.cluster("main").orElseThrow();
        assertThat(cluster.name()).isEqualTo("main-cluster");
        ContainerInstance arm = cluster.instance("i-1").orElseThrow();
        assertThat(arm.registeredMemoryMiB()).as("the file's value beats the catalogue's").isEqualTo(7800);
        assertThat(arm.cpuArchitecture()).isEqualTo("arm64");
        assertThat(arm.attributes()).containsExactly(Map.entry("team", "payments"), Map.entry("stack", "prod"));
        assertThat(arm.agentConnected()).isFalse();
        assertThat(arm.agentVersion()).isEqualTo("1.105.1");
        assertThat(arm.reservedPorts()).containsExactly(22, 8080);
        assertThat(arm.reservedUdpPorts()).containsExactly(161);
        ContainerInstance windows = cluster.instance("i-2").orElseThrow();
        assertThat(windows.osType()).isEqualTo("windows");
        assertThat(windows.registeredGpus()).isEqualTo(2);
        assertThat(windows.reservedPorts()).isEqualTo(ContainerInstance.DEFAULT_WINDOWS_RESERVED_PORTS);
        assertThat(cluster.fargate().availabilityZones()).containsExactly("eu-west-1a");

        Service shop = cluster.service("shop").orElseThrow();
        assertThat(shop.taskDefinition().family()).isEqualTo("shop");
        assertThat(shop.taskDefinition().revision()).isEqualTo(7);
        assertThat(shop.launchType()).as("from the FARGATE_SPOT provider").isEqualTo(LaunchTypes.FARGATE);
        Service agent = cluster.service("agent").orElseThrow();
        assertThat(agent.taskDefinitionFamily()).as("from the ARN").isEqualTo("agent");
        assertThat(agent.isDaemon()).isTrue();
        assertThat(cluster.task("migrate").orElseThrow().count()).isEqualTo(1);

        assertThat(design.taskDefinitions()).containsOnlyKeys("shop", "agent");
        assertThat(design.layout().boundsOf(ElementId.cluster("main")))
                .contains(new Bounds(40, 40, 800.5, 400));
        assertThat(design.layout().boundsOf(ElementId.container("shop", "app"))).isPresent();
    }

    @Test
    void roundTripGivesAnEqualDesignAndStableText() throws Exception {
        Design read = DesignFormat.read(DesignFiles.of("full.stowage.json")).design();
        Path saved = temp.resolve("saved.stowage.json");

        DesignFormat.write(read, saved);
        Design reread = DesignFormat.read(saved).design();

        assertThat(reread).isEqualTo(read);
        String text = Files.readString(saved, StandardCharsets.UTF_8);
        assertThat(DesignFormat.write(reread)).isEqualTo(text);
        assertThat(text).startsWith("{\n  \"formatVersion\": 1,\n  \"name\": ").endsWith("}\n");
        assertThat(temp.toFile().list()).as("no temporary file left behind").containsExactly("saved.stowage.json");
    }

    @Test
    void writesMembersInAFixedOrder() throws Exception {
        JsonObject tree = DesignFormat.toJson(DesignFormat.read(DesignFiles.of("full.stowage.json")).design());

        assertThat(tree.keys()).containsExactly("formatVersion", "name", "clusters", "taskDefinitions", "layout", "comments");
        JsonObject cluster = (JsonObject) ((JsonArray) tree.get("clusters")).get(0);
        assertThat(cluster.keys()).containsExactly("id", "name", "instances", "fargate", "services", "tasks", "color");
        JsonObject instance = (JsonObject) ((JsonArray) cluster.get("instances")).get(0);
        assertThat(instance.keys()).containsExactly("id", "instanceType", "availabilityZone", "registeredCpu",
                "registeredMemoryMiB", "cpuArchitecture", "attributes", "agentConnected", "agentVersion",
                "reservedPorts", "reservedUdpPorts", "x-rack");
    }

    @Test
    void keepsUnknownMembersAtEveryLevel() throws Exception {
        Design design = DesignFormat.read(DesignFiles.of("full.stowage.json")).design();
        Cluster cluster = design.cluster("main").orElseThrow();

        assertThat(design.extras().get("comments")).isInstanceOf(JsonArray.class);
        assertThat(cluster.extras().get("color")).isEqualTo(new JsonString("#3366ff"));
        assertThat(cluster.instance("i-1").orElseThrow().extras().get("x-rack")).isEqualTo(new JsonString("r12"));
        assertThat(cluster.fargate().extras().get("spotShare")).isEqualTo(JsonNumber.of(50));
        Service shop = cluster.service("shop").orElseThrow();
        assertThat(shop.extras().get("note")).isEqualTo(new JsonString("kept by Stowage"));
        assertThat(shop.spec().json().get("futureServiceOption")).isInstanceOf(JsonObject.class);
        assertThat(cluster.task("migrate").orElseThrow().extras().get("schedule")).isEqualTo(new JsonString("once"));
        assertThat(design.layout().extrasOf(ElementId.service("main", "shop")).get("collapsed")).isEqualTo(JsonBool.TRUE);

        String written = DesignFormat.write(design);
        assertThat(written).contains("\"comments\"", "\"color\": \"#3366ff\"", "\"x-rack\": \"r12\"",
                "\"spotShare\": 50", "\"note\": \"kept by Stowage\"", "\"futureServiceOption\"", "\"schedule\": \"once\"",
                "\"collapsed\": true", "\"someNewContainerField\"", "2.50");
    }

    @Test
    void refusesAFileFromANewerStowage() {
        Path file = DesignFiles.of("newer-format.stowage.json");

        assertThatThrownBy(() -> DesignFormat.read(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("newer-format.stowage.json:2:")
                .hasMessageContaining("made by a newer Stowage (format 3); this build reads up to 1");
    }

    @Test
    void migratesAVersion0File() throws Exception {
        LoadedDesign loaded = DesignFormat.read(DesignFiles.of("version0.stowage.json"));
        Design design = loaded.design();

        assertThat(loaded.formatVersion()).isZero();
        assertThat(loaded.migrated()).isTrue();
        assertThat(design.taskDefinitions()).containsOnlyKeys("web", "cache");
        assertThat(design.taskDefinition("web").orElseThrow().family()).as("family from the key").isEqualTo("web");
        assertThat(design.taskDefinition("web").orElseThrow().json().keys().iterator().next())
                .as("family placed where the API model orders it").isEqualTo("family");
        Cluster cluster = design.cluster("default").orElseThrow();
        assertThat(cluster.services()).extracting(Service::id).containsExactly("web", "cache");
        assertThat(cluster.service("cache").orElseThrow().spec().desiredCount()).isEqualTo(1);
        assertThat(cluster.name()).isEqualTo("default");
        assertThat(design.layout().boundsOf(ElementId.cluster("default"))).isPresent();

        String written = DesignFormat.write(design);
        assertThat(written).contains("\"formatVersion\": 1");
        assertThat(DesignFormat.parse("migrated.stowage.json", written).design()).isEqualTo(design);
    }

    @Test
    void migrationStepsChainToTheCurrentVersion() {
        JsonObject v0 = JsonObject.builder().put("formatVersion", 0)
                .put("taskDefinitions", JsonObject.builder().put("a", JsonObject.EMPTY).build()).build();

        JsonObject current = DesignMigrations.migrate(v0, 0);

        assertThat(current.get("formatVersion")).isEqualTo(JsonNumber.of(DesignMigrations.CURRENT_VERSION));
        assertThat(current.get("taskDefinitions")).isEqualTo(JsonArray.of(List.of(
                JsonObject.builder().put("family", "a").build())));
        assertThat(DesignMigrations.migrate(current, DesignMigrations.CURRENT_VERSION)).isSameAs(current);
    }

    @Test
    void aWrongTypeInAServiceNamesThePathAndLine() {
        Path file = DesignFiles.of("bad-service-type.stowage.json");

        assertThatThrownBy(() -> DesignFormat.read(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(file + ":15:29: clusters[0].services[0].service.desiredCount: expected an integer, "
                        + "found a string (\"two\")")
                .satisfies(e -> assertThat(((UnreadableFileException) e).position().line()).isEqualTo(15));
    }

    @Test
    void anUnknownInstanceTypeMustStateItsResources() {
        Path file = DesignFiles.of("bad-instance.stowage.json");

        assertThatThrownBy(() -> DesignFormat.read(file))
                .isInstanceOf(UnreadableFileException.class)
                .as("the member is missing, so the position is the instance's")
                .hasMessageContaining("bad-instance.stowage.json:8:9:")
                .hasMessageContaining("clusters[0].instances[0].registeredMemoryMiB: instance type z99.mega is not "
                        + "in Stowage's catalogue");
    }

    @Test
    void aFamilyMayAppearOnce() {
        assertThatThrownBy(() -> DesignFormat.read(DesignFiles.of("duplicate-family.stowage.json")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining(":11:")
                .hasMessageContaining("taskDefinitions[1].family: family web appears twice");
    }

    @Test
    void saysSoWhenGivenATaskDefinition() {
        assertThatThrownBy(() -> DesignFormat.read(DesignFiles.of("not-a-design.json")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("this looks like a task definition, not a Stowage design");
    }

    @Test
    void reportsShapeProblemsWithPaths() {
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json", "[1]"))
                .hasMessage("x.stowage.json:1:1: expected a JSON object (a Stowage design), found an array");
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json", "{\"formatVersion\": \"1\"}"))
                .hasMessageContaining("formatVersion: expected a whole number");
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json",
                "{\"formatVersion\": 1, \"clusters\": [{\"id\": \"a/b\"}]}"))
                .hasMessageContaining("clusters[0].id: \"a/b\" contains '/'");
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json",
                "{\"formatVersion\": 1, \"clusters\": [{\"id\": \"c\", \"tasks\": [{\"id\": \"t\"}]}]}"))
                .hasMessageContaining("clusters[0].tasks[0].run: expected an object (the RunTask input), found nothing");
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json",
                "{\"formatVersion\": 1, \"taskDefinitions\": [{\"family\": \"a\", \"containerDefinitions\": [{\"memory\": \"lots\"}]}]}"))
                .hasMessageContaining("taskDefinitions[0].containerDefinitions[0].memory: expected an integer");
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json",
                "{\"formatVersion\": 1, \"layout\": {\"cluster:a\": {\"x\": 1, \"y\": 2, \"width\": -3, \"height\": 4}}}"))
                .hasMessageContaining("layout[\"cluster:a\"].width: expected a size of 0 or more");
        assertThatThrownBy(() -> DesignFormat.parse("x.stowage.json",
                "{\"formatVersion\": 1, \"layout\": {\"cluster:a\": {\"x\": 1e400, \"y\": 2, \"width\": 3, \"height\": 4}}}"))
                .hasMessageContaining("x.stowage.json:1:52: invalid JSON: the number 1e400 is out of range");
    }

    @Test
    void aDesignMadeInCodeRoundTrips() throws Exception {
        Design design = Design.empty("made in code")
                .withCluster(Cluster.named("c").withInstance(ContainerInstance.of("i-1", "c5.large", "us-east-1a")));
        design = design.withLayout(design.layout().with(ElementId.cluster("c"), new Bounds(1.25, 2, 3, 4)));

        String text = DesignFormat.write(design);

        assertThat(DesignFormat.parse("c.stowage.json", text).design()).isEqualTo(design);
        assertThat(text).contains("\"x\": 1.25,\n", "\"y\": 2,\n");
    }
}
