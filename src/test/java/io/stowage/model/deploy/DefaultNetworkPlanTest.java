package io.stowage.model.deploy;

import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.stowage.model.deploy.PlannedChange.Action.BLOCKED;
import static io.stowage.model.deploy.PlannedChange.Action.CREATE;
import static org.assertj.core.api.Assertions.assertThat;

/** An awsvpc service the design gives no subnets gets what the ECS console would pick, and the plan says so. */
class DefaultNetworkPlanTest {
    private static final Ec2Facts DEFAULT_VPC = new Ec2Facts(
            Map.of("us-east-1a", "subnet-a", "us-east-1b", "subnet-b", "us-east-1c", "subnet-c"), Map.of(),
            "vpc-1", "sg-default");

    private final Design imported = DesignFromTaskDefinitions.build(List.of(new TaskDefinition(JsonLiterals.object("""
            {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
             "memory": "512", "containerDefinitions": [{"name": "api", "image": "nginx"}]}""")))).design();

    @Test
    void aNewServiceGetsTheDefaultVpcsSubnetsOfTheDesignsZonesAndItsDefaultGroup() {
        DeployPlan plan = DeployPlanner.plan(imported, new ObservedState(Map.of(), Map.of(), DEFAULT_VPC));

        PlannedChange create = plan.changes().stream().filter(c -> c.kind() == ChangeKind.CREATE_SERVICE)
                .findFirst().orElseThrow();
        assertThat(create.action()).isEqualTo(CREATE);
        List<String> zones = imported.clusters().get(0).fargateCapacity().orElseThrow().availabilityZones();
        assertThat(zones).as("the import names example zones").isNotEmpty();
        assertThat(create.details()).anySatisfy(d -> assertThat(d).startsWith("subnets: default VPC vpc-1 ("
                + zones.size() + " subnets: "));
        assertThat(create.details()).contains("security groups: sg-default (the default VPC's group default)");
        JsonObject vpc = (JsonObject) ((JsonObject) create.request().get("networkConfiguration")).get("awsvpcConfiguration");
        assertThat(vpc.get("subnets").toString()).contains("subnet-a").contains("subnet-b").doesNotContain("subnet-c");
        assertThat(vpc.get("securityGroups").toString()).contains("sg-default");
    }

    @Test
    void zonesTheRegionLacksFallBackToEveryDefaultSubnet() {
        Ec2Facts elsewhere = new Ec2Facts(Map.of("eu-west-1a", "subnet-x", "eu-west-1b", "subnet-y"), Map.of(),
                "vpc-9", "sg-9");

        DeployPlan plan = DeployPlanner.plan(imported, new ObservedState(Map.of(), Map.of(), elsewhere));

        PlannedChange create = plan.changes().stream().filter(c -> c.kind() == ChangeKind.CREATE_SERVICE)
                .findFirst().orElseThrow();
        assertThat(create.details()).contains("subnets: default VPC vpc-9 (2 subnets: subnet-x, subnet-y in eu-west-1a, eu-west-1b)");
    }

    @Test
    void withoutADefaultVpcTheServiceIsBlockedWithWhatToDo() {
        DeployPlan plan = DeployPlanner.plan(imported, new ObservedState(Map.of(), Map.of(), Ec2Facts.NONE));

        PlannedChange create = plan.changes().stream().filter(c -> c.kind() == ChangeKind.CREATE_SERVICE)
                .findFirst().orElseThrow();
        assertThat(create.action()).isEqualTo(BLOCKED);
        assertThat(create.summary()).contains("no default VPC").contains("networkConfiguration.awsvpcConfiguration.subnets");
    }
}
