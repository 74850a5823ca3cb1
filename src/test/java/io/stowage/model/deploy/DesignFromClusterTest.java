package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.rules.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DesignFromClusterTest {

    private static final JsonObject WEB_3 = JsonLiterals.object("""
            {"taskDefinitionArn": "arn:aws:ecs:us-east-1:1:task-definition/web:3", "family": "web", "revision": 3,
             "status": "ACTIVE", "networkMode": "bridge", "compatibilities": ["EC2"], "volumes": [],
             "placementConstraints": [],
             "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "cpu": 0, "memory": 128,
               "essential": true, "portMappings": [], "environment": [], "mountPoints": [], "volumesFrom": []}]}
            """);
    private static final JsonObject WEB = JsonLiterals.object("""
            {"serviceName": "web", "status": "ACTIVE", "desiredCount": 2, "launchType": "EC2",
             "taskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/web:3",
             "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100,
               "deploymentCircuitBreaker": {"enable": false, "rollback": false}},
             "placementStrategy": [{"type": "binpack", "field": "memory"}], "placementConstraints": [],
             "schedulingStrategy": "REPLICA", "deploymentController": {"type": "ECS"}, "propagateTags": "NONE",
             "networkConfiguration": {}, "loadBalancers": [], "serviceRegistries": [], "events": []}
            """);
    private static final JsonObject OLD_WEB = JsonLiterals.object(WEB.toString()
            .replace("\"web\"", "\"old-web\"").replace("web:3", "web:2"));
    private static final JsonObject INSTANCE = JsonLiterals.object("""
            {"containerInstanceArn": "arn:aws:ecs:us-east-1:1:container-instance/demo/abc", "ec2InstanceId": "i-0123",
             "status": "ACTIVE", "agentConnected": true, "versionInfo": {"agentVersion": "1.88.0"},
             "registeredResources": [
               {"name": "CPU", "type": "INTEGER", "integerValue": 2048},
               {"name": "MEMORY", "type": "INTEGER", "integerValue": 3904},
               {"name": "PORTS", "type": "STRINGSET", "stringSetValue": ["22", "2376", "2375", "51678", "51679"]},
               {"name": "PORTS_UDP", "type": "STRINGSET", "stringSetValue": []}],
             "attributes": [{"name": "ecs.instance-type", "value": "t3.medium"},
               {"name": "ecs.availability-zone", "value": "us-east-1a"}, {"name": "ecs.os-type", "value": "linux"},
               {"name": "team", "value": "blue"}]}
            """);
    private static final JsonObject REPORT_TASK = JsonLiterals.object("""
            {"taskArn": "arn:aws:ecs:us-east-1:1:task/demo/t1", "taskDefinitionArn":
             "arn:aws:ecs:us-east-1:1:task-definition/web:3", "group": "family:web", "startedBy": "nightly",
             "launchType": "EC2", "lastStatus": "RUNNING", "desiredStatus": "RUNNING"}
            """);
    private static final JsonObject SERVICE_TASK = JsonLiterals.object("""
            {"taskArn": "arn:aws:ecs:us-east-1:1:task/demo/t2", "taskDefinitionArn":
             "arn:aws:ecs:us-east-1:1:task-definition/web:3", "group": "service:web", "startedBy": "ecs-svc/123",
             "launchType": "EC2", "lastStatus": "RUNNING", "desiredStatus": "RUNNING"}
            """);

    private final ImportSource source = new ImportSource("demo", List.of(WEB, OLD_WEB), Map.of("web", WEB_3),
            List.of(INSTANCE), List.of(REPORT_TASK, SERVICE_TASK));

    @Test
    void aClusterBecomesADesignWithTheSettingsEcsReports() {
        ImportedDesign imported = DesignFromCluster.build("demo", source);
        Cluster demo = imported.design().cluster("demo").orElseThrow();

        assertThat(demo.services()).hasSize(2);
        assertThat(demo.service("web").orElseThrow().spec().json()).isEqualTo(JsonLiterals.object("""
                {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "launchType": "EC2",
                 "placementStrategy": [{"type": "binpack", "field": "memory"}]}"""));
        assertThat(demo.service("old-web").orElseThrow().spec().taskDefinition()).isEqualTo("web:2");
        ContainerInstance instance = demo.instances().get(0);
        assertThat(instance.id()).isEqualTo("i-0123");
        assertThat(instance.instanceType()).isEqualTo("t3.medium");
        assertThat(instance.registeredMemoryMiB()).isEqualTo(3904);
        assertThat(instance.attributes()).containsExactly(Map.entry("team", "blue"));
        assertThat(instance.reservedPorts()).containsExactly(22, 2375, 2376, 51678, 51679);
        assertThat(demo.tasks()).hasSize(1);
        assertThat(demo.tasks().get(0).id()).isEqualTo("nightly");
        assertThat(demo.tasks().get(0).run().json()).isEqualTo(JsonLiterals.object("""
                {"taskDefinition": "web", "count": 1, "launchType": "EC2", "startedBy": "nightly"}"""));
        assertThat(imported.design().taskDefinition("web").orElseThrow().json()).isEqualTo(JsonLiterals.object("""
                {"family": "web", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "web", "image": "nginx:1.27", "memory": 128, "essential": true}]}"""));
        assertThat(imported.notes()).extracting(Object::toString)
                .anyMatch(n -> n.contains("old-web runs web:2"));
        assertThat(imported.design().layout().bounds()).isNotEmpty();
    }

    @Test
    void deployingTheImportedDesignBackChangesNothing() {
        Design design = DesignFromCluster.build("demo", source).design();
        ObservedCluster cluster = new ObservedCluster("demo", "ACTIVE", List.of(), JsonArray.EMPTY,
                Map.of("web", WEB, "old-web", OLD_WEB), List.of(ObservedInstance.fromDescribed(INSTANCE)), List.of(),
                List.of(ObservedTask.fromDescribed(REPORT_TASK)));
        ObservedState observed = new ObservedState(Map.of("demo", cluster),
                Map.of("web", List.of(ObservedRevision.fromDescribed(WEB_3))), Ec2Facts.NONE);

        assertThat(DeployReadiness.errors(DeployReadiness.check(design))).extracting(Finding::message).isEmpty();
        DeployPlan plan = DeployPlanner.plan(design, observed);
        assertThat(plan.toApply()).isEmpty();
        assertThat(plan.summaryLine()).isEqualTo("Plan: 0 to create, 0 to update, 6 unchanged");
    }

    @Test
    void anInstanceLaunchedForTheClusterWhoseAgentHasNotRegisteredIsKeptSoTheDeployPlansNoLaunch() {
        JsonObject launched = JsonLiterals.object("""
                {"instanceId": "i-0fff", "instanceType": "t3.large", "placement": {"availabilityZone": "us-east-1b"},
                 "state": {"name": "pending"}, "tags": [{"key": "stowage:cluster", "value": "demo"},
                   {"key": "stowage:instance", "value": "i-0e5f6a7b"}]}""");
        JsonObject registeredToo = JsonLiterals.object("""
                {"instanceId": "i-0123", "instanceType": "t3.medium", "placement": {"availabilityZone": "us-east-1a"},
                 "state": {"name": "running"}, "tags": [{"key": "stowage:cluster", "value": "demo"}]}""");
        ImportSource withLaunched = new ImportSource("demo", List.of(WEB), Map.of("web", WEB_3), List.of(INSTANCE),
                List.of(), List.of(launched, registeredToo));

        ImportedDesign imported = DesignFromCluster.build("demo", withLaunched);

        Cluster cluster = imported.design().cluster("demo").orElseThrow();
        assertThat(cluster.instances()).extracting(ContainerInstance::id).containsExactly("i-0123", "i-0e5f6a7b");
        ContainerInstance pending = cluster.instance("i-0e5f6a7b").orElseThrow();
        assertThat(pending.instanceType()).isEqualTo("t3.large");
        assertThat(pending.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(imported.notes()).anySatisfy(n -> assertThat(n.message()).contains("i-0fff")
                .contains("has not registered yet"));

        ObservedCluster observed = new ObservedCluster("demo", "ACTIVE", List.of(), JsonArray.EMPTY,
                Map.of(), List.of(ObservedInstance.fromDescribed(INSTANCE)),
                List.of(new ObservedEc2Instance("i-0fff", "i-0e5f6a7b", "demo", "pending")), List.of());
        DeployPlan plan = DeployPlanner.plan(imported.design(), new ObservedState(Map.of("demo", observed), Map.of(),
                Ec2Facts.NONE));
        assertThat(plan.changes()).filteredOn(c -> c.kind() == ChangeKind.LAUNCH_INSTANCE)
                .allSatisfy(c -> assertThat(c.isChange()).as(c.toString()).isFalse());
    }
}
