package io.stowage.model.placement;

import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.placement.Fixtures.cluster;
import static io.stowage.model.placement.Fixtures.design;
import static io.stowage.model.placement.Fixtures.instance;
import static io.stowage.model.placement.Fixtures.service;
import static io.stowage.model.placement.Fixtures.strategy;
import static io.stowage.model.placement.Fixtures.td;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-in, per the Amazon ECS Developer Guide, "Amazon ECS task placement strategies"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html): binpack
 * "terminates the task on the container instance that would have the most resources left after termination";
 * spread keeps the availability zones balanced and picks at random within a zone.
 */
class ScaleInTest {
    @Test
    void binpackStopsTheTaskLeavingTheMostResources() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096),
                instance("b", "us-east-1a", 4096, 2048));
        Design d = design(cluster(instances, List.of(service("web", "t", 3, strategy("binpack", "memory"))),
                List.of()), td("t", 0, 1024));
        PlacementResult placed = PlacementEngine.place(d, 1);
        assertThat(Fixtures.serviceInstances(placed, "web")).containsExactly("b", "b", "a");
        List<Placement> stop = ScaleIn.order(d, placed, "c", "web", 1, 1);
        assertThat(stop).hasSize(2);
        assertThat(stop.get(0).instanceId()).isEqualTo("a");
        assertThat(stop.get(1).instanceId()).isEqualTo("b");
    }

    @Test
    void spreadKeepsZonesBalanced() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096),
                instance("b", "us-east-1a", 4096, 4096), instance("c", "us-east-1b", 4096, 4096));
        Design d = design(cluster(instances, List.of(service("web", "t", 4)), List.of()), td("t", 128, 128));
        PlacementResult placed = PlacementEngine.place(d, 1);
        assertThat(Fixtures.serviceInstances(placed, "web")).containsExactly("a", "c", "b", "c");
        for (long seed = 0; seed < 5; seed++) {
            List<Placement> stop = ScaleIn.order(d, placed, "c", "web", 2, seed);
            assertThat(stop).hasSize(2);
            assertThat(stop.get(0).instanceId()).isEqualTo("c");
            assertThat(stop.get(1).availabilityZone()).isEqualTo("us-east-1a");
        }
        assertThat(ScaleIn.order(d, placed, "c", "web", 4, 1)).isEmpty();
        assertThat(ScaleIn.order(d, placed, "c", "web", 2, 9)).isEqualTo(ScaleIn.order(d, placed, "c", "web", 2, 9));
    }
}
