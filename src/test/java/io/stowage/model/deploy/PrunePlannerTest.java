package io.stowage.model.deploy;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What deploy --prune removes of what carries the design's tag: only what the design no longer has. */
class PrunePlannerTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/";

    private static Design design() {
        return ExampleDesigns.firstStart().design();
    }

    @Test
    void aTaggedServiceOrTaskTheDesignStillHasStaysAndOneItLostGoes() {
        Design design = design();
        String cluster = design.clusters().get(0).name();
        String kept = design.clusters().get(0).services().get(0).serviceName();
        ObservedTask gone = new ObservedTask(ARN + cluster + "/abc", "arn:aws:ecs:us-east-1:123456789012:"
                + "task-definition/old-job:3", null, "family:old-job", "RUNNING", "RUNNING");
        ObservedTask stopping = new ObservedTask(ARN + cluster + "/def", "arn:aws:ecs:us-east-1:123456789012:"
                + "task-definition/old-job:3", null, "family:old-job", "RUNNING", "STOPPED");

        List<PlannedChange> plan = PrunePlanner.plan(design, Map.of(cluster,
                new PrunePlanner.Tagged(List.of(kept, "retired"), List.of(gone, stopping))));

        assertThat(plan).extracting(PlannedChange::toString).containsExactly(
                "- delete service " + cluster + "/retired (scaled to 0 first; deployed from this design, no longer in it)",
                "- stop task " + cluster + "/abc of old-job:3 (started from this design, no longer in it)");
        assertThat(plan).allSatisfy(c -> assertThat(c.isChange()).isTrue());
        assertThat(new DeployPlan(plan, List.of()).summaryLine()).isEqualTo("Plan: 0 to create, 0 to update, 2 to delete, 0 unchanged");
    }

    @Test
    void aClusterThatDoesNotExistOrHoldsNothingTaggedPlansNothing() {
        assertThat(PrunePlanner.plan(design(), Map.of())).isEmpty();
    }
}
