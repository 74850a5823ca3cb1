package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.ruleIds;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ContainerDependencyRulesTest {

    @Test
    void validDependenciesGiveNoFinding() throws Exception {
        // valid-ec2-bridge: wordpress links mysql and waits for it HEALTHY; valid-fargate: web waits for migrate SUCCESS
        assertThat(validate(file("valid-ec2-bridge.json"))).isEmpty();
        assertThat(validate(file("valid-fargate.json"))).isEmpty();
    }

    @Test
    void targetsMustExistAndNotBeTheContainerItself() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].dependsOn[0].containerName",
                "mariadb");
        task = set(task, "containerDefinitions[1].dependsOn", "[{\"containerName\": \"mysql\", \"condition\": \"START\"}]");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "depends-on-target", "containerDefinitions[0].dependsOn[0].containerName").message())
                .contains("\"mariadb\"").contains("use one of mysql");
        assertThat(ids(findings)).contains(tuple("depends-on-self", "containerDefinitions[1].dependsOn[0].containerName"));
    }

    @Test
    void cyclesAcrossDependsOnLinksAndVolumesFromAreReportedWithTheirPath() throws Exception {
        // wordpress links mysql; mysql mounts volumes from wordpress
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].dependsOn", null);
        task = set(task, "containerDefinitions[1].volumesFrom", "[{\"sourceContainer\": \"wordpress\"}]");

        Finding cycle = find(validate(task), "dependency-cycle", "containerDefinitions[0].links[0]");

        assertThat(cycle.message()).contains("wordpress → mysql → wordpress")
                .contains("wordpress links mysql; mysql volumesFrom wordpress");
    }

    @Test
    void completeAndSuccessMustNotTargetAnEssentialContainer() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[0].essential", null);

        Finding finding = find(validate(task), "depends-on-essential", "containerDefinitions[1].dependsOn[0].condition");

        assertThat(finding.message()).contains("set \"essential\": false on migrate");
    }

    @Test
    void healthyNeedsAHealthCheckOnTheTarget() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].healthCheck", null);

        assertThat(ids(validate(task))).contains(tuple("depends-on-healthy", "containerDefinitions[0].dependsOn[0].condition"));
        assertThat(ruleIds(validate(file("valid-ec2-bridge.json")))).doesNotContain("depends-on-healthy");
    }
}
