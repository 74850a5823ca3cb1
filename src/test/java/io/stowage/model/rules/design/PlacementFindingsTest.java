package io.stowage.model.rules.design;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.rules.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every task the scheduler leaves pending is a warning at its service's path, worded by how many. */
class PlacementFindingsTest {
    private static List<Finding> findings(Design design) {
        PlacementResult result = PlacementEngine.place(design, 0);
        return PlacementFindings.of(design, result);
    }

    @Test
    void oneWarningPerServiceWithPendingTasksCountingThem() {
        Design example = ExampleDesigns.firstStart().design();
        assertThat(findings(example)).singleElement().satisfies(f -> {
            assertThat(f.isError()).isFalse();
            assertThat(f.ruleId()).isEqualTo(PlacementFindings.TASKS_NOT_PLACED);
            assertThat(f.path()).isEqualTo("clusters[0].services[3]");
            assertThat(f.message()).startsWith("Its task cannot be placed and would stay PENDING: service report "
                    + "was unable to place a task");
        });

        Cluster cluster = example.clusters().get(0);
        Design moreWeb = example.withCluster(cluster.withService(cluster.service("web").orElseThrow()
                .withSpec(cluster.service("web").orElseThrow().spec().withDesiredCount(40))));
        long webPending = PlacementEngine.place(moreWeb, 0).failures().stream()
                .filter(f -> f.task().source().equals("web")).count();
        assertThat(findings(moreWeb)).hasSize(2).first().satisfies(f -> {
            assertThat(f.path()).isEqualTo("clusters[0].services[0]");
            assertThat(f.message()).startsWith(webPending + " of its 40 tasks cannot be placed");
        });
    }

    @Test
    void aDesignWhoseTasksAllFitHasNone() {
        Design example = ExampleDesigns.firstStart().design();
        Cluster cluster = example.clusters().get(0);
        Design withoutReport = example.withCluster(cluster.withoutService("report"));
        assertThat(findings(withoutReport)).isEmpty();
    }
}
