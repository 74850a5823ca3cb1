package io.stowage.model.deploy;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.DeploymentConfiguration;
import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan's warning before a rolling update that would not complete: the example's rolling-stall scenario
 * (web:2 with minimumHealthyPercent 100 / maximumPercent 200 on two instances that both hold host port 80) and
 * its fix (minimumHealthyPercent 50).
 */
class RolloutCheckTest {
    private final Design example = ExampleDesigns.firstStart().design();

    private Design webV2(int minimumHealthyPercent, int maximumPercent) {
        TaskDefinition td = example.taskDefinition("web").orElseThrow();
        List<ContainerDefinition> containers = new ArrayList<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            containers.add(c.name().equals("nginx") ? c.withImage("public.ecr.aws/nginx/nginx:1.28") : c);
        }
        Service web = example.cluster("demo").orElseThrow().service("web").orElseThrow();
        DeploymentConfiguration percents = web.spec().deploymentConfiguration()
                .withMinimumHealthyPercent(minimumHealthyPercent).withMaximumPercent(maximumPercent);
        Design changed = example.withTaskDefinition(td.withContainerDefinitions(containers));
        return changed.withCluster(changed.cluster("demo").orElseThrow()
                .withService(web.withSpec(web.spec().withDeploymentConfiguration(percents))));
    }

    @Test
    void anUpdateThatStaticHostPortsStallIsWarnedAboutInECSsWords() {
        DeployPlan plan = DeployPlanner.plan(webV2(100, 200), DeployPlannerTest.Deployed.as(example));

        assertThat(plan.toApply()).extracting(PlannedChange::toString).containsExactly(
                "+ register task definition web revision 2 (content differs from web:1)",
                "~ update service demo/web: taskDefinition, deploymentConfiguration");
        assertThat(plan.warnings()).containsExactly("service web: the rolling update would stall: service web was"
                + " unable to place a task because no container instance met all of its requirements. The closest"
                + " matching container-instance i-0a1b2c3d is already using a port required by your task.");
        assertThat(plan.blocked()).isEmpty();
    }

    @Test
    void theFixedPercentagesCompleteAndWarnOfNothing() {
        DeployPlan plan = DeployPlanner.plan(webV2(50, 200), DeployPlannerTest.Deployed.as(example));

        assertThat(plan.toApply()).hasSize(2);
        assertThat(plan.warnings()).isEmpty();
    }

    /** Every service updated at once, Fargate (worker) and unplaceable (report) ones included. */
    @Test
    void everyKindOfServiceIsForecastWithoutFailingThePlan() {
        Design changed = example;
        for (TaskDefinition td : example.taskDefinitionList()) {
            List<ContainerDefinition> containers = new ArrayList<>();
            for (ContainerDefinition c : td.containerDefinitions()) {
                containers.add(c.withImage(c.image() + "-next"));
            }
            changed = changed.withTaskDefinition(td.withContainerDefinitions(containers));
        }

        DeployPlan plan = DeployPlanner.plan(changed, DeployPlannerTest.Deployed.as(example));

        assertThat(plan.toApply()).extracting(PlannedChange::toString).contains(
                "~ update service demo/web: taskDefinition", "~ update service demo/worker: taskDefinition",
                "~ update service demo/report: taskDefinition");
        // web's 2 tasks with maximumPercent 100 / minimumHealthyPercent 50 replace one at a time; worker on Fargate
        // needs no instance; report never had room (the plan's placement note says so) and its update cannot place.
        assertThat(plan.warnings()).singleElement().asString().startsWith("service report: the rolling update"
                + " would stall: service report was unable to place a task");
    }

    @Test
    void onlyUpdatesThatStartADeploymentAreSimulated() {
        Service web = example.cluster("demo").orElseThrow().service("web").orElseThrow();
        // Only the percentages change: ECS starts no deployment, so there is no rolling update to stall.
        Design percentsOnly = example.withCluster(example.cluster("demo").orElseThrow().withService(web.withSpec(
                web.spec().withDeploymentConfiguration(web.spec().deploymentConfiguration()
                        .withMinimumHealthyPercent(100).withMaximumPercent(200)))));

        DeployPlan plan = DeployPlanner.plan(percentsOnly, DeployPlannerTest.Deployed.as(example));

        assertThat(plan.toApply()).extracting(PlannedChange::toString)
                .containsExactly("~ update service demo/web: deploymentConfiguration");
        assertThat(plan.warnings()).isEmpty();
        assertThat(DeployPlanner.plan(example, DeployPlannerTest.Deployed.as(example)).warnings()).isEmpty();
    }
}
