package io.stowage.model.deploy;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A task definition that needs a task execution role and names none gets the console's, said in the plan. */
class ExecutionRolesTest {
    private static final Ec2Facts ACCOUNT = new Ec2Facts(Map.of("us-east-1a", "subnet-a", "us-east-1b", "subnet-b"),
            Map.of("ecsInstanceRole", true));
    private static final String ROLE = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

    private final Design example = ExampleDesigns.firstStart().design();

    /**
     * The example with worker's execution role removed (it logs with awslogs on Fargate) and api (on EC2) reading a
     * secret and logging with awslogs.
     */
    private Design withoutRoles() {
        TaskDefinition worker = example.taskDefinition("worker").orElseThrow();
        TaskDefinition api = example.taskDefinition("api").orElseThrow();
        var container = api.containerDefinitions().get(0);
        JsonObject secret = JsonLiterals.object("""
                {"name": "TOKEN", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/token"}""");
        var withSecret = new io.stowage.model.ecs.ContainerDefinition(container.json().with("secrets",
                io.stowage.model.json.JsonArray.of(List.of(secret))).with("logConfiguration", JsonLiterals.object("""
                {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/api", "awslogs-region": "us-east-1",
                 "awslogs-stream-prefix": "api"}}""")));
        return example.withTaskDefinition(new TaskDefinition(worker.json().without("executionRoleArn")))
                .withTaskDefinition(api.withContainerDefinitions(List.of(withSecret)));
    }

    @Test
    void whatNeedsTheRoleIsFoundByTheValidationRule() {
        assertThat(ExecutionRoles.needed(example)).isEmpty();
        assertThat(ExecutionRoles.needed(withoutRoles())).containsExactly(Map.entry("api", "secrets, awslogs"),
                Map.entry("worker", "awslogs on Fargate"));
    }

    @Test
    void theRoleIsTheCallersAccountsEcsTaskExecutionRole() {
        assertThat(ExecutionRoles.defaultRoleArn("arn:aws:iam::123456789012:user/me")).isEqualTo(ROLE);
        assertThat(ExecutionRoles.defaultRoleArn("arn:aws:sts::210987654321:assumed-role/Admin/me"))
                .isEqualTo("arn:aws:iam::210987654321:role/ecsTaskExecutionRole");
        assertThat(ExecutionRoles.defaultRoleArn("arn:aws-us-gov:iam::123456789012:root"))
                .isEqualTo("arn:aws-us-gov:iam::123456789012:role/ecsTaskExecutionRole");
        assertThatThrownBy(() -> ExecutionRoles.defaultRoleArn("nobody")).hasMessageContaining("names no account");
    }

    @Test
    void thePlanRegistersTheFilledRoleAndSaysWhy() {
        Design design = withoutRoles();
        Map<String, String> needed = ExecutionRoles.needed(design);
        Design filled = ExecutionRoles.fill(design, needed.keySet(), ROLE);
        assertThat(filled.taskDefinition("api").orElseThrow().executionRoleArn()).isEqualTo(ROLE);
        assertThat(filled.taskDefinition("web").orElseThrow().executionRoleArn()).isNull();
        assertThat(ExecutionRoles.needed(filled)).isEmpty();

        DeployPlan plan = DeployPlanner.plan(filled, new ObservedState(Map.of(), Map.of(),
                ACCOUNT.withRolesAndLogGroups(Map.of("ecsTaskExecutionRole", false), Map.of())), true, needed);

        assertThat(plan.changes()).extracting(PlannedChange::toString).contains(
                "+ create role ecsTaskExecutionRole (the task execution role; task definitions api, worker need it)",
                "+ register task definition api (first revision) with execution role ecsTaskExecutionRole (it names"
                        + " none; secrets, awslogs need one)",
                "+ register task definition worker (first revision) with execution role ecsTaskExecutionRole (it"
                        + " names none; awslogs on Fargate needs one)",
                "+ register task definition web (first revision)");
        assertThat(plan.changes()).filteredOn(c -> c.subject().equals("task definition api")).singleElement()
                .satisfies(c -> assertThat(c.request().get("executionRoleArn").toString()).contains(ROLE));
    }
}
