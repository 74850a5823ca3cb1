package io.stowage.model.deploy;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Destroy lists only what carries the design's names or the tags a deploy put on what it launched for it. */
class DestroyPlanTest {
    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void onlyTheDesignsServicesAndTheInstancesLaunchedForItsInstancesAreRemoved() {
        JsonObject active = JsonLiterals.object("{\"status\": \"ACTIVE\"}");
        ObservedCluster demo = new ObservedCluster("demo", "ACTIVE", List.of(), JsonArray.EMPTY,
                Map.of("web", active, "api", JsonLiterals.object("{\"status\": \"DRAINING\"}")),
                List.of(new ObservedInstance("arn:aws:ecs:us-east-1:1:container-instance/demo/ci1", "i-1", "ACTIVE",
                        true, Map.of()), new ObservedInstance("arn:aws:ecs:us-east-1:1:container-instance/demo/ci9",
                        "i-9", "ACTIVE", true, Map.of())),
                List.of(new ObservedEc2Instance("i-1", "i-0a1b2c3d", "demo", "running"),
                        new ObservedEc2Instance("i-2", "i-0a1b2c3d", "other-cluster", "running"),
                        new ObservedEc2Instance("i-3", "not-in-the-design", "demo", "running"),
                        new ObservedEc2Instance("i-4", null, "demo", "running")), List.of());

        DestroyPlan plan = DestroyPlan.of(example, new ObservedState(Map.of("demo", demo), Map.of(), Ec2Facts.NONE), false);

        assertThat(plan.steps()).extracting(DestroyPlan.Step::toString).containsExactly(
                "- delete service demo/web (scaled to 0 first)",
                "- deregister container instance demo/i-1",
                "- terminate instance i-1 (launched for demo)",
                "- delete cluster demo once nothing else is in it (kept when it holds what the design did not make)");
        assertThat(DestroyPlan.of(example, ObservedState.EMPTY, true).isEmpty()).as("nothing deployed").isTrue();
    }
}
