package io.stowage.model.deploy;

import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskDefinitionNormalizerTest {

    /** A RegisterTaskDefinition input as a user writes it. */
    private static final String DESIGNED = """
            {
              "family": "web",
              "requiresCompatibilities": ["EC2"],
              "cpu": "0.5 vCPU",
              "memory": "1GB",
              "containerDefinitions": [
                {
                  "name": "nginx",
                  "image": "nginx:1.27",
                  "memory": 256,
                  "portMappings": [{"containerPort": 80, "hostPort": 0}],
                  "environment": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}],
                  "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/"], "interval": 10}
                }
              ]
            }
            """;

    /** What DescribeTaskDefinition returns for it: ECS's defaults, read-only members, its own forms and order. */
    private static final String DESCRIBED = """
            {
              "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
              "containerDefinitions": [
                {
                  "name": "nginx",
                  "image": "nginx:1.27",
                  "cpu": 0,
                  "memory": 256,
                  "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
                  "essential": true,
                  "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                  "mountPoints": [],
                  "volumesFrom": [],
                  "systemControls": [],
                  "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/"], "interval": 10,
                                  "timeout": 5, "retries": 3}
                }
              ],
              "family": "web",
              "networkMode": "bridge",
              "revision": 3,
              "volumes": [],
              "status": "ACTIVE",
              "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.24"}],
              "placementConstraints": [],
              "compatibilities": ["EC2"],
              "requiresCompatibilities": ["EC2"],
              "cpu": "512",
              "memory": "1024",
              "registeredAt": "2026-11-20T10:00:00Z",
              "registeredBy": "arn:aws:iam::123456789012:root"
            }
            """;

    @Test
    void aDescribedRevisionHasTheContentOfTheInputThatRegisteredIt() {
        assertThat(TaskDefinitionNormalizer.sameContent(JsonLiterals.object(DESIGNED), JsonLiterals.object(DESCRIBED)))
                .isTrue();
    }

    @Test
    void aChangedImageIsADifferenceAtItsPath() {
        JsonObject changed = JsonLiterals.object(DESIGNED.replace("nginx:1.27", "nginx:1.28"));

        assertThat(TaskDefinitionNormalizer.sameContent(changed, JsonLiterals.object(DESCRIBED))).isFalse();
        assertThat(TaskDefinitionNormalizer.differences(changed, JsonLiterals.object(DESCRIBED), 5))
                .containsExactly("containerDefinitions[0].image");
    }

    @Test
    void essentialFalseIsContentButOtherFalseFlagsAreNot() {
        JsonObject notEssential = JsonLiterals.object(DESIGNED.replace("\"memory\": 256,",
                "\"memory\": 256, \"essential\": false, \"privileged\": false,"));

        assertThat(TaskDefinitionNormalizer.differences(notEssential, JsonLiterals.object(DESCRIBED), 5))
                .containsExactly("containerDefinitions[0].essential");
    }

    @Test
    void awsvpcHostPortIsTheContainerPort() {
        JsonObject designed = JsonLiterals.object("""
                {"family": "f", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "a", "image": "x", "portMappings": [{"containerPort": 8080}]}]}
                """);
        JsonObject described = JsonLiterals.object("""
                {"family": "f", "networkMode": "awsvpc", "revision": 1, "containerDefinitions": [
                  {"name": "a", "image": "x", "cpu": 0, "essential": true,
                   "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}]}]}
                """);

        assertThat(TaskDefinitionNormalizer.sameContent(designed, described)).isTrue();
    }

    @Test
    void aRoleGivenByNameIsTheRoleEcsStoresByArn() {
        JsonObject designed = JsonLiterals.object("""
                {"family": "f", "executionRoleArn": "ecsTaskExecutionRole",
                 "containerDefinitions": [{"name": "a", "image": "x", "memory": 64}]}
                """);
        JsonObject described = JsonLiterals.object("""
                {"family": "f", "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
                 "containerDefinitions": [{"name": "a", "image": "x", "memory": 64}]}
                """);

        assertThat(TaskDefinitionNormalizer.sameContent(designed, described)).isTrue();
        assertThat(TaskDefinitionNormalizer.sameContent(designed, JsonLiterals.object(described.toString()
                .replace("role/ecsTaskExecutionRole", "role/otherRole")))).isFalse();
    }

    @Test
    void taskSizesCompareInUnits() {
        assertThat(TaskDefinitionNormalizer.units(new io.stowage.model.json.JsonString("1 vCPU"), "vcpu", 1024))
                .isEqualTo(new io.stowage.model.json.JsonString("1024"));
        assertThat(TaskDefinitionNormalizer.units(io.stowage.model.json.JsonNumber.of(512), "vcpu", 1024))
                .isEqualTo(new io.stowage.model.json.JsonString("512"));
        assertThat(TaskDefinitionNormalizer.units(new io.stowage.model.json.JsonString("2GB"), "gb", 1024))
                .isEqualTo(new io.stowage.model.json.JsonString("2048"));
        assertThat(TaskDefinitionNormalizer.units(new io.stowage.model.json.JsonString("lots"), "gb", 1024))
                .isEqualTo(new io.stowage.model.json.JsonString("lots"));
    }

    @Test
    void tidyingADescribedRevisionLeavesWhatAUserWouldWrite() {
        JsonObject tidy = TaskDefinitionNormalizer.tidy(JsonLiterals.object(DESCRIBED));

        assertThat(tidy.keys()).containsExactly("containerDefinitions", "family", "networkMode",
                "requiresCompatibilities", "cpu", "memory");
        assertThat(JsonTrees.object(JsonTrees.array(tidy.get("containerDefinitions")).get(0)).keys())
                .containsExactly("name", "image", "memory", "portMappings", "essential", "environment", "healthCheck");
        assertThat(TaskDefinitionNormalizer.sameContent(tidy, JsonLiterals.object(DESCRIBED))).isTrue();
    }
}
