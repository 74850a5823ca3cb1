package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** ContainerSettingsRules, TaskSettingsRules and WindowsRules. */
class SettingsRulesTest {

    @Test
    void validSettingsGiveNoFinding() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].restartPolicy",
                "{\"enabled\": true, \"ignoredExitCodes\": [0], \"restartAttemptPeriod\": 60}");
        task = set(task, "containerDefinitions[1].dockerLabels", "{\"com.example.team\": \"shop\"}");

        assertThat(validate(task)).isEmpty();
    }

    @Test
    void restartPoliciesTimeoutsAndLabels() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].restartPolicy",
                "{\"enabled\": true, \"restartAttemptPeriod\": 30}");
        task = set(task, "containerDefinitions[1].dockerLabels", "{\"com.amazonaws.ecs.cluster\": \"prod\"}");
        task = set(task, "containerDefinitions[0].startTimeout", -1);

        assertThat(ids(validate(task))).contains(
                tuple("restart-policy", "containerDefinitions[1].restartPolicy.restartAttemptPeriod"),
                tuple("docker-labels", "containerDefinitions[1].dockerLabels[\"com.amazonaws.ecs.cluster\"]"),
                tuple("container-timeouts", "containerDefinitions[0].startTimeout"));
    }

    @Test
    void proxyConfigurationNamesAContainerOfAnAwsvpcTask() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "proxyConfiguration",
                "{\"type\": \"APPMESH\", \"containerName\": \"envoy\", \"properties\": []}");

        assertThat(ids(validate(task))).contains(tuple("proxy-configuration", "proxyConfiguration.containerName"));
        assertThat(validate(set(task, "proxyConfiguration.containerName", "otel-collector"))).isEmpty();
        assertThat(ids(validate(set(set(task, "proxyConfiguration.containerName", "otel-collector"), "networkMode", "bridge"))))
                .contains(tuple("proxy-configuration", "proxyConfiguration"));
    }

    @Test
    void tagsAndPlacementConstraints() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "tags", "[{\"key\": \"aws:team\", \"value\": \"x\"},"
                + " {\"key\": \"env\", \"value\": \"a\"}, {\"key\": \"env\", \"value\": \"b\"}]");
        task = set(task, "placementConstraints[0].expression", null);

        assertThat(ids(validate(task))).contains(tuple("tags", "tags[0].key"), tuple("tags", "tags[2].key"),
                tuple("placement-constraints", "placementConstraints[0].expression"));
    }

    @Test
    void windowsContainersDoNotSupportLinuxOnlyParameters() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "runtimePlatform",
                "{\"operatingSystemFamily\": \"WINDOWS_SERVER_2022_CORE\", \"cpuArchitecture\": \"X86_64\"}");
        task = set(task, "containerDefinitions[0].systemControls", null);
        task = set(task, "containerDefinitions[1].user", "1000");

        assertThat(ids(validate(task))).containsExactly(tuple("windows-unsupported", "containerDefinitions[1].user"));
        assertThat(find(validate(set(task, "networkMode", "bridge")), "network-mode-windows", "networkMode").isError())
                .isTrue();
    }
}
