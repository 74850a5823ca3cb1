package io.stowage.model.deploy;

import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSettingsTest {

    private static final String DESIGNED = """
            {
              "serviceName": "web",
              "taskDefinition": "web",
              "desiredCount": 2,
              "launchType": "EC2",
              "deploymentConfiguration": {"maximumPercent": 100, "minimumHealthyPercent": 50},
              "placementStrategy": [{"type": "spread", "field": "host"}]
            }
            """;

    /** DescribeServices as real ECS answers it: defaults filled in, members the input never had. */
    private static final String DESCRIBED = """
            {
              "serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/demo/web",
              "serviceName": "web",
              "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/demo",
              "loadBalancers": [],
              "serviceRegistries": [],
              "status": "ACTIVE",
              "desiredCount": 2,
              "runningCount": 2,
              "pendingCount": 0,
              "launchType": "EC2",
              "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:4",
              "deploymentConfiguration": {
                "deploymentCircuitBreaker": {"enable": false, "rollback": false},
                "maximumPercent": 100,
                "minimumHealthyPercent": 50,
                "alarms": {"alarmNames": [], "rollback": false, "enable": false},
                "bakeTimeInMinutes": 0
              },
              "deployments": [],
              "events": [],
              "placementConstraints": [],
              "placementStrategy": [{"type": "spread", "field": "instanceId"}],
              "schedulingStrategy": "REPLICA",
              "deploymentController": {"type": "ECS"},
              "enableECSManagedTags": false,
              "propagateTags": "NONE",
              "enableExecuteCommand": false,
              "availabilityZoneRebalancing": "DISABLED"
            }
            """;

    @Test
    void aServiceAsEcsDescribesItHasNoDifferenceFromItsDesign() {
        assertThat(ServiceSettings.differences(JsonLiterals.object(DESIGNED), JsonLiterals.object(DESCRIBED), "web:4"))
                .isEmpty();
    }

    @Test
    void aNewRevisionAndAnotherCountAreUpdatableDifferences() {
        JsonObject designed = JsonLiterals.object(DESIGNED.replace("\"desiredCount\": 2", "\"desiredCount\": 3"));

        List<SettingChange> changes = ServiceSettings.differences(designed, JsonLiterals.object(DESCRIBED), "web");

        assertThat(changes).extracting(SettingChange::toString)
                .containsExactly("taskDefinition \"web:4\" -> \"web:(new)\"", "desiredCount 2 -> 3");
        assertThat(changes).allMatch(SettingChange::updatable);
        JsonObject update = ServiceSettings.updateRequest("demo", "web", designed, changes);
        assertThat(update).isEqualTo(JsonLiterals.object("""
                {"cluster": "demo", "service": "web", "taskDefinition": "web", "desiredCount": 3}
                """));
    }

    @Test
    void removingAPlacementStrategyFromTheDesignRemovesItFromTheService() {
        JsonObject designed = JsonLiterals.object(DESIGNED.replace(
                ",\n  \"placementStrategy\": [{\"type\": \"spread\", \"field\": \"host\"}]", ""));

        List<SettingChange> changes = ServiceSettings.differences(designed, JsonLiterals.object(DESCRIBED), "web:4");

        assertThat(changes).extracting(SettingChange::name).containsExactly("placementStrategy");
        assertThat(ServiceSettings.updateRequest("demo", "web", designed, changes).get("placementStrategy"))
                .hasToString("[]");
    }

    @Test
    void leavingOutDeploymentConfigurationMeansEcsDefaults() {
        JsonObject designed = JsonLiterals.object("""
                {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "launchType": "EC2"}
                """);
        JsonObject described = JsonLiterals.object(DESCRIBED.replace("\"maximumPercent\": 100", "\"maximumPercent\": 200")
                .replace("\"minimumHealthyPercent\": 50", "\"minimumHealthyPercent\": 100")
                .replace("[{\"type\": \"spread\", \"field\": \"instanceId\"}]", "[]"));

        assertThat(ServiceSettings.differences(designed, described, "web:4")).isEmpty();
    }

    @Test
    void aLaunchTypeCannotBeUpdated() {
        JsonObject designed = JsonLiterals.object(DESIGNED.replace("\"EC2\"", "\"FARGATE\""));

        List<SettingChange> changes = ServiceSettings.differences(designed, JsonLiterals.object(DESCRIBED), "web:4");

        assertThat(changes).extracting(SettingChange::name).contains("launchType");
        assertThat(changes).filteredOn(c -> c.name().equals("launchType")).allMatch(c -> !c.updatable());
    }

    @Test
    void securityGroupsEcsChoseAreNotADifferenceButSubnetsAre() {
        JsonObject designed = JsonLiterals.object("""
                {"serviceName": "w", "taskDefinition": "w", "desiredCount": 1, "launchType": "FARGATE",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-b", "subnet-a"]}}}
                """);
        JsonObject described = JsonLiterals.object("""
                {"serviceName": "w", "status": "ACTIVE", "desiredCount": 1, "launchType": "FARGATE",
                 "platformVersion": "LATEST", "taskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/w:1",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"],
                   "securityGroups": ["sg-default"], "assignPublicIp": "DISABLED"}}}
                """);

        assertThat(ServiceSettings.differences(designed, described, "w:1")).isEmpty();
        JsonObject moved = JsonLiterals.object(described.toString().replace("subnet-b", "subnet-c"));
        assertThat(ServiceSettings.differences(designed, moved, "w:1")).extracting(SettingChange::name)
                .containsExactly("networkConfiguration");
    }
}
