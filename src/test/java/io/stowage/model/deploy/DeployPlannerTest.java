package io.stowage.model.deploy;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.stowage.model.deploy.PlannedChange.Action.BLOCKED;
import static io.stowage.model.deploy.PlannedChange.Action.CREATE;
import static io.stowage.model.deploy.PlannedChange.Action.UNCHANGED;
import static io.stowage.model.deploy.PlannedChange.Action.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

class DeployPlannerTest {
    private static final Ec2Facts ACCOUNT = new Ec2Facts(
            Map.of("us-east-1a", "subnet-a", "us-east-1b", "subnet-b"), Map.of("ecsInstanceRole", true));

    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void anEmptyAccountGetsEverythingInDependencyOrder() {
        DeployPlan plan = DeployPlanner.plan(example, new ObservedState(Map.of(), Map.of(), ACCOUNT));

        assertThat(plan.changes()).extracting(PlannedChange::toString).containsExactly(
                "+ create cluster demo",
                "+ launch instance demo/i-0a1b2c3d: t3.medium in us-east-1a (subnet-a)",
                "+ launch instance demo/i-0e5f6a7b: t3.large in us-east-1b (subnet-b)",
                "+ register task definition web (first revision)",
                "+ register task definition api (first revision)",
                "+ register task definition worker (first revision)",
                "+ register task definition report (first revision)",
                "+ create service demo/web",
                "+ create service demo/api",
                "+ create service demo/worker",
                "+ create service demo/report",
                "+ run task demo/smoke-test: 1 x api (new) on EC2");
        assertThat(plan.summaryLine()).isEqualTo("Plan: 12 to create, 0 to update, 0 unchanged");
        assertThat(plan.notes()).singleElement().asString()
                .startsWith("placement: service demo/report #1 cannot be placed on the designed capacity: RESOURCE:MEMORY: ");
        Ec2Launch launch = plan.changes().get(1).launch();
        assertThat(launch.amiParameter()).isEqualTo("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
        assertThat(launch.userData()).contains("ECS_CLUSTER=demo\n")
                .contains("ECS_INSTANCE_ATTRIBUTES={\"stowage.instance\":\"i-0a1b2c3d\"}");
        assertThat(launch.tags()).containsEntry(Ec2Launch.INSTANCE_TAG, "i-0a1b2c3d");
    }

    @Test
    void aDeployedDesignPlansNoChange() {
        DeployPlan plan = DeployPlanner.plan(example, Deployed.as(example));

        assertThat(plan.toApply()).isEmpty();
        assertThat(plan.summaryLine()).isEqualTo("Plan: 0 to create, 0 to update, 12 unchanged");
    }

    @Test
    void aChangedImageRegistersOneRevisionAndUpdatesTheServicesThatRunIt() {
        Design changed = withImage(example, "web", "nginx", "public.ecr.aws/nginx/nginx:1.28");

        DeployPlan plan = DeployPlanner.plan(changed, Deployed.as(example));

        assertThat(plan.toApply()).extracting(PlannedChange::toString).containsExactly(
                "+ register task definition web revision 2 (content differs from web:1)",
                "~ update service demo/web: taskDefinition");
        assertThat(plan.toApply().get(0).details()).containsExactly("differs at containerDefinitions[1].image");
        assertThat(plan.toApply().get(1).request()).isEqualTo(JsonLiterals.object("""
                {"cluster": "demo", "service": "web", "taskDefinition": "web"}"""));
        assertThat(plan.summaryLine()).isEqualTo("Plan: 1 to create, 1 to update, 10 unchanged");
    }

    @Test
    void aStandaloneTaskRunsAgainOnlyForANewRevision() {
        Design changed = withImage(example, "api", "api", "public.ecr.aws/docker/library/node:23-alpine");

        DeployPlan plan = DeployPlanner.plan(changed, Deployed.as(example));

        assertThat(plan.toApply()).extracting(PlannedChange::toString).containsExactly(
                "+ register task definition api revision 2 (content differs from api:1)",
                "~ update service demo/api: taskDefinition",
                "+ run task demo/smoke-test: 1 x api (new) on EC2");
    }

    @Test
    void whatCannotBeDoneIsBlockedWithTheReasonAndWhatToDo() {
        Ec2Facts noProfile = new Ec2Facts(Map.of("us-east-1a", "subnet-a"), Map.of("ecsInstanceRole", false));
        Design fargateWeb = example.withCluster(example.cluster("demo").orElseThrow().withService(
                service(example, "web").withSpec(service(example, "web").spec().withLaunchType("FARGATE"))));

        DeployPlan empty = DeployPlanner.plan(example, new ObservedState(Map.of(), Map.of(), noProfile), false);
        DeployPlan creating = DeployPlanner.plan(example, new ObservedState(Map.of(), Map.of(), noProfile));
        DeployPlan deployed = DeployPlanner.plan(fargateWeb, Deployed.as(example));

        assertThat(empty.blocked()).extracting(PlannedChange::summary).containsExactly(
                "cannot launch instance demo/i-0a1b2c3d: instance profile ecsInstanceRole does not exist; create it"
                        + " with a role that has the AmazonEC2ContainerServiceforEC2Role policy, or name another in"
                        + " the cluster's ec2.instanceProfile (a deploy without --no-create-roles creates it)",
                "cannot launch instance demo/i-0e5f6a7b: no subnet for us-east-1b: the account has no default"
                        + " subnet there; name one in the cluster's ec2.subnets; instance profile ecsInstanceRole"
                        + " does not exist; create it with a role that has the AmazonEC2ContainerServiceforEC2Role"
                        + " policy, or name another in the cluster's ec2.instanceProfile (a deploy without"
                        + " --no-create-roles creates it)");
        assertThat(creating.blocked()).extracting(PlannedChange::summary).containsExactly(
                "cannot launch instance demo/i-0e5f6a7b: no subnet for us-east-1b: the account has no default"
                        + " subnet there; name one in the cluster's ec2.subnets");
        assertThat(creating.changes().get(0).toString()).isEqualTo("+ create instance profile ecsInstanceRole (the"
                + " container instance role; the instances this deploy launches use it)");
        assertThat(deployed.blocked()).extracting(PlannedChange::summary).containsExactly(
                "service demo/web: UpdateService cannot change launchType; delete the service in ECS or give the"
                        + " design's service another name");
        assertThat(deployed.summaryLine()).endsWith(", 1 blocked");
    }

    @Test
    void anExistingInstanceIsAttachedAndARegisteredOneGetsItsMissingAttributes() {
        Cluster demo = example.cluster("demo").orElseThrow();
        ContainerInstance first = demo.instances().get(0).withAttributes(Map.of("team", "blue"));
        Design design = example.withCluster(demo.withInstance(first));
        ObservedState deployed = Deployed.as(example);
        ObservedCluster cluster = deployed.clusters().get("demo");
        ObservedCluster secondNotRegistered = new ObservedCluster("demo", "ACTIVE", List.of(), JsonArray.EMPTY,
                cluster.services(), cluster.instances().subList(0, 1),
                List.of(new ObservedEc2Instance("i-0e5f6a7b", null, null, "running")), cluster.tasks());

        DeployPlan plan = DeployPlanner.plan(design, new ObservedState(Map.of("demo", secondNotRegistered),
                deployed.revisions(), ACCOUNT));

        assertThat(plan.toApply()).extracting(PlannedChange::toString).containsExactly(
                "~ set attributes team on instance demo/i-0a1b2c3d",
                "~ attach instance demo/i-0e5f6a7b: its ECS agent joins demo (SSM Run Command)");
        assertThat(plan.toApply().get(0).request().toString()).contains("\"name\":\"team\",\"value\":\"blue\"");
        assertThat(String.join("\n", plan.toApply().get(1).launch().attachCommands()))
                .contains("ECS_CLUSTER=demo").contains("rm -f /var/lib/ecs/data/agent.db");
    }

    private static Service service(Design design, String id) {
        return design.cluster("demo").orElseThrow().service(id).orElseThrow();
    }

    private static Design withImage(Design design, String family, String container, String image) {
        TaskDefinition td = design.taskDefinition(family).orElseThrow();
        List<ContainerDefinition> containers = new ArrayList<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            containers.add(c.name().equals(container) ? c.withImage(image) : c);
        }
        return design.withTaskDefinition(td.withContainerDefinitions(containers));
    }

    /** ECS's state right after the design was deployed, as DescribeServices etc. would report it. */
    static final class Deployed {
        static ObservedState as(Design design) {
            Map<String, List<ObservedRevision>> revisions = new LinkedHashMap<>();
            for (TaskDefinition td : design.taskDefinitionList()) {
                String arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/" + td.family() + ":1";
                JsonObject described = td.json().with("taskDefinitionArn", new JsonString(arn))
                        .with("revision", JsonNumber.of(1)).with("status", new JsonString("ACTIVE"));
                revisions.put(td.family(), List.of(new ObservedRevision(arn, td.family(), 1, described)));
            }
            Map<String, ObservedCluster> clusters = new LinkedHashMap<>();
            for (Cluster cluster : design.clusters()) {
                Map<String, JsonObject> services = new LinkedHashMap<>();
                for (Service s : cluster.services()) {
                    services.put(s.serviceName(), s.spec().json().with("status", new JsonString("ACTIVE"))
                            .with("taskDefinition", new JsonString(revisions.get(s.taskDefinitionFamily()).get(0).arn())));
                }
                List<ObservedInstance> instances = new ArrayList<>();
                for (ContainerInstance i : cluster.instances()) {
                    Map<String, String> attributes = new LinkedHashMap<>(i.attributes());
                    attributes.put(EcsAgentConfig.INSTANCE_ATTRIBUTE, i.id());
                    instances.add(new ObservedInstance("arn:aws:ecs:us-east-1:123456789012:container-instance/"
                            + cluster.name() + "/" + i.id(), "i-9" + i.id().substring(3), "ACTIVE", true, attributes));
                }
                List<ObservedTask> tasks = new ArrayList<>();
                for (StandaloneTask t : cluster.tasks()) {
                    for (int n = 0; n < t.count(); n++) {
                        tasks.add(new ObservedTask("arn:task/" + t.id() + n,
                                revisions.get(t.taskDefinitionFamily()).get(0).arn(), t.run().startedBy(),
                                "family:" + t.taskDefinitionFamily(), "STOPPED", "STOPPED"));
                    }
                }
                clusters.put(cluster.name(), new ObservedCluster(cluster.name(), "ACTIVE", List.of(), JsonArray.EMPTY,
                        services, instances, List.of(), tasks));
            }
            return new ObservedState(clusters, revisions, ACCOUNT);
        }
    }
}
