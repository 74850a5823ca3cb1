package io.stowage.ui.common;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every element has a note, and the notes state what ecs-semantics.md holds (the sections each note cites). */
class ConceptTest {
    @Test
    void everyElementOfTheExampleHasAConcept() {
        for (ElementId id : ExampleDesigns.firstStart().design().elementIds()) {
            assertThat(Concept.of(id)).as(id.value()).isNotNull();
        }
        assertThat(Concept.of(ElementId.task("demo", "smoke-test"))).isEqualTo(Concept.STANDALONE_TASK);
    }

    @Test
    void theNotesStateTheAgentsAndTheSchedulersFacts() {
        // §4.1: CPU = vCPUs x 1024, reserved ports 22, 2375, 2376, 51678, 51679; §4.2: agentConnected.
        assertThat(Concept.CONTAINER_INSTANCE.note()).contains("vCPUs × 1024").contains("22, 2375, 2376, 51678 and 51679")
                .contains("agent is connected").contains("ecs.availability-zone");
        // §5.6: awsvpc and the cpu/memory pairs; §5.1: no strategies or constraints on Fargate.
        assertThat(Concept.FARGATE.note()).contains("awsvpc").contains("256 CPU units with 512, 1024 or 2048 MiB")
                .contains("strategies and constraints do not apply");
        // §1.1 and the execution-role rules: ECR, awslogs, secrets need the execution role.
        assertThat(Concept.ROLES.note()).contains("taskRoleArn").contains("executionRoleArn").contains("Amazon ECR")
                .contains("awslogs").contains("Secrets Manager").contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        // §3.3: essential containers stop the task; §4.2: memoryReservation is what is reserved.
        assertThat(Concept.CONTAINER_DEFINITION.note()).contains("essential").contains("memoryReservation")
                .contains("at least one essential container");
        // §5.2: services spread across zones then instances by default; §5.4: ECS's own sentence.
        assertThat(Concept.SERVICE.note()).contains("spread across availability zones, then across instances")
                .contains("was unable to place a task because no container instance met all of its requirements");
        assertThat(Concept.TASK_DEFINITION.note()).contains("blueprint").contains("revision").contains("A task is one running copy");
        assertThat(Concept.TASK.note()).contains("PROVISIONING, PENDING, ACTIVATING, RUNNING")
                .contains("Essential container in task exited");
        for (Concept concept : Concept.values()) {
            assertThat(concept.sources()).as(concept.name()).isNotBlank();
            assertThat(concept.seeAlso()).as(concept.name()).isNotEmpty().doesNotContain(concept);
        }
    }
}
