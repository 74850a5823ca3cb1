package io.stowage.format.design;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds designs from the real task definitions of ../shared/corpus/taskdefs, the files users will import. */
class DesignFromCorpusTest {
    private static final Path CORPUS = Path.of(System.getProperty("stowage.corpus", "../shared/corpus"), "taskdefs");

    @Test
    void everyReadableTaskDefinitionBecomesARunnableDesign() throws Exception {
        List<TaskDefinition> all = readableTaskDefinitions();
        for (TaskDefinition td : all) {
            ImportedDesign imported = DesignFromTaskDefinitions.build(List.of(td));
            Design design = imported.design();
            Cluster cluster = design.cluster(DesignFromTaskDefinitions.CLUSTER_ID).orElseThrow();
            String family = design.taskDefinitionList().get(0).family();

            assertThat(cluster.services()).as(family).singleElement()
                    .satisfies(s -> assertThat(s.taskDefinitionFamily()).isEqualTo(family));
            assertThat(cluster.hasFargate() || !cluster.instances().isEmpty()).as(family + " has capacity").isTrue();
            assertRoundTrips(design);
            assertNoDesignRuleErrors(design, family);
        }
    }

    @Test
    void allOfThemTogetherMakeOneDesign() throws Exception {
        List<TaskDefinition> all = readableTaskDefinitions();
        Set<String> families = new LinkedHashSet<>();
        all.forEach(td -> families.add(td.family() == null ? "?" + families.size() : td.family()));

        ImportedDesign imported = DesignFromTaskDefinitions.build(all);
        Design design = imported.design();
        Cluster cluster = design.cluster(DesignFromTaskDefinitions.CLUSTER_ID).orElseThrow();

        assertThat(cluster.services()).hasSize(design.taskDefinitions().size());
        assertThat(design.taskDefinitions()).hasSizeGreaterThanOrEqualTo(families.size() - 1);
        for (Service service : cluster.services()) {
            assertThat(design.taskDefinition(service.taskDefinitionFamily())).isPresent();
        }
        assertThat(cluster.instances()).isNotEmpty();
        assertThat(design.layout().bounds().keySet()).containsAll(design.elementIds());
        for (ElementId a : design.layout().bounds().keySet()) {
            for (ElementId b : design.layout().bounds().keySet()) {
                if (!a.equals(b) && !a.isInside(b) && !b.isInside(a)) {
                    assertThat(design.layout().bounds().get(a).overlaps(design.layout().bounds().get(b)))
                            .as(a + " overlaps " + b).isFalse();
                }
            }
        }
        assertRoundTrips(design);
        assertNoDesignRuleErrors(design, "all");
    }

    private static void assertRoundTrips(Design design) throws UnreadableFileException {
        String text = DesignFormat.write(design);
        Design reread = DesignFormat.parse("imported.stowage.json", text).design();
        assertThat(reread).isEqualTo(design);
        assertThat(DesignFormat.write(reread)).isEqualTo(text);
    }

    /** Task definitions may have their own problems; the design around them must not add any. */
    private static void assertNoDesignRuleErrors(Design design, String what) {
        List<Finding> designErrors = DesignValidator.validate(design).stream()
                .filter(Finding::isError)
                .filter(f -> !f.path().startsWith("taskDefinitions["))
                .toList();
        assertThat(designErrors).as(what).isEmpty();
    }

    private static List<TaskDefinition> readableTaskDefinitions() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "the corpus is beside the checkout");
        List<TaskDefinition> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(TaskDefinitionFormat.read(file).taskDefinition());
                } catch (UnreadableFileException e) {
                    // Files that are not valid JSON as published are the task-definition reader's concern.
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(40);
        return out;
    }
}
