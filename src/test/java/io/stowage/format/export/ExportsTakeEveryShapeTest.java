package io.stowage.format.export;

import io.stowage.format.ConversionReport;
import io.stowage.format.Corpus;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.cloudformation.CloudFormationExport;
import io.stowage.format.compose.ComposeExport;
import io.stowage.format.compose.ComposeImport;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonText;
import io.stowage.testsupport.JsonMutants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the readers accept, the three exports take: describe output with its nulls, a null container, a GPU
 * value that is not a number, every project sample and corpus file, and every task definition or design that
 * differs from a sample in one value of another shape. An export may report what it cannot express; it never
 * fails with anything but a file error.
 */
class ExportsTakeEveryShapeTest {
    private static final Path SAMPLES = Path.of("src/test/resources");

    @TempDir
    Path dir;

    @Test
    void describeOutputWithNullsExportsToEveryTarget() throws Exception {
        String text = """
                {"family": "web", "containerDefinitions": [
                  {"name": "web", "image": "nginx", "memory": 512, "logConfiguration": null, "healthCheck": null,
                   "linuxParameters": {"capabilities": null, "sharedMemorySize": null}, "stopTimeout": null,
                   "portMappings": [null, {"containerPort": 80, "hostPort": null}], "mountPoints": [null],
                   "environment": [null, {"name": "A", "value": null}],
                   "resourceRequirements": [{"type": "GPU", "value": "a\\nb"}]},
                  null],
                 "volumes": [null]}
                """;
        Design design = design(TaskDefinitionFormat.parse("web.json", text).taskDefinition());

        ComposeExport.Result compose = ComposeExport.export(design, null, null);
        CloudFormationExport.Result template = CloudFormationExport.export(design);
        DesignExport.Result files = DesignExport.write(design, null, DesignExport.Target.TASKDEFS, dir.resolve("td"));

        assertThat(compose.text()).contains("image: \"nginx\"").doesNotContain("healthcheck").doesNotContain("logging")
                .doesNotContain("nulls").contains("- \"80\"");
        assertThat(compose.report().items()).extracting(ConversionReport.Item::message)
                .anyMatch(m -> m.contains("is null, not a container definition"))
                .anyMatch(m -> m.contains("GPU value \"a\\nb\" is not a whole number"));
        assertThat(template.yaml()).contains("AWS::ECS::TaskDefinition");
        assertThat(files.written()).hasSize(1);
    }

    @Test
    void everyProjectSampleExportsToEveryTarget() throws Exception {
        List<Design> designs = new ArrayList<>();
        designs.add(ExampleDesigns.firstStart().design());
        for (Path file : files(SAMPLES, ".json")) {
            Design design = readAny(file);
            if (design != null) {
                designs.add(design);
            }
        }
        for (Path file : files(SAMPLES.resolve("compose"), ".yml")) {
            designs.add(composeDesign(file));
        }
        assertThat(designs).hasSizeGreaterThan(5);
        for (int i = 0; i < designs.size(); i++) {
            exportEverywhere(designs.get(i), dir.resolve("sample" + i));
        }
    }

    @Test
    void everyCorpusFileExportsToEveryTarget() throws Exception {
        List<Path> taskDefinitions = Corpus.taskDefinitions();
        Assumptions.assumeFalse(taskDefinitions.isEmpty(), "no corpus at " + Corpus.root().toAbsolutePath());
        int exported = 0;
        for (Path file : taskDefinitions) {
            Design design = readAny(file);
            if (design != null) {
                exportEverywhere(design, dir.resolve("td-" + exported++));
            }
        }
        for (Path file : files(Corpus.root().resolve("compose"), ".yml", ".yaml")) {
            Design design;
            try {
                design = composeDesign(file);
            } catch (UnreadableFileException e) {
                continue;
            }
            exportEverywhere(design, dir.resolve("compose-" + exported++));
        }
        assertThat(exported).isGreaterThan(taskDefinitions.size() / 2);
    }

    /** Every sample task definition with one value of another shape, wherever the reader lets it through. */
    @Test
    void taskDefinitionsWithAnOddValueAnywhereExport() throws Exception {
        List<Json> bases = new ArrayList<>();
        for (Path file : files(SAMPLES.resolve("samples/taskdefs"), ".json")) {
            bases.add(TaskDefinitionFormat.read(file).taskDefinition().json());
        }
        ExampleDesigns.firstStart().design().taskDefinitionList().forEach(td -> bases.add(td.json()));
        int accepted = 0;
        int mutants = 0;
        for (Json base : bases) {
            for (Json mutant : JsonMutants.all(base, JsonMutants.ODD_VALUES)) {
                mutants++;
                TaskDefinition td;
                try {
                    td = TaskDefinitionFormat.parse("mutant.json", JsonText.pretty(mutant)).taskDefinition();
                } catch (UnreadableFileException refused) {
                    continue;
                }
                accepted++;
                exportInMemory(design(td), JsonText.compact(mutant));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(accepted).as("of " + mutants + " mutants").isGreaterThan(500);
    }

    /** The example design with one value of another shape, wherever the design reader lets it through. */
    @Test
    void designsWithAnOddValueAnywhereExport() throws Exception {
        Json example = DesignFormat.toJson(ExampleDesigns.firstStart().design());
        int accepted = 0;
        for (Json mutant : JsonMutants.all(example, JsonMutants.ODD_VALUES)) {
            Design design;
            try {
                design = DesignFormat.parse("mutant.stowage.json", JsonText.pretty(mutant)).design();
            } catch (UnreadableFileException refused) {
                continue;
            }
            accepted++;
            exportInMemory(design, JsonText.compact(mutant));
        }
        assertThat(failures).isEmpty();
        assertThat(accepted).isGreaterThan(500);
    }

    /** Each kind of failure (exception and where it was thrown) once, with the first input that caused it. */
    private final Map<String, String> failures = new java.util.TreeMap<>();

    private void exportInMemory(Design design, String what) {
        try {
            ComposeExport.export(design, null, null);
            CloudFormationExport.export(design);
            design.taskDefinitionList().forEach(TaskDefinitionFormat::write);
        } catch (RuntimeException e) {
            String at = Stream.of(e.getStackTrace()).filter(f -> f.getClassName().startsWith("io.stowage"))
                    .findFirst().map(String::valueOf).orElse("?");
            failures.putIfAbsent(e + " at " + at, what.length() > 600 ? what.substring(0, 600) + "…" : what);
        }
    }

    private static void exportEverywhere(Design design, Path out) throws IOException {
        Files.createDirectories(out);
        for (DesignExport.Target target : DesignExport.Target.values()) {
            Path output = out.resolve(target == DesignExport.Target.TASKDEFS ? "taskdefs" : target.id() + ".yaml");
            DesignExport.Result result = DesignExport.write(design, null, target, output);
            assertThat(result.written()).as(design.name() + " to " + target.id()).isNotEmpty();
            for (Path written : result.written()) {
                assertThat(written).isNotEmptyFile();
            }
        }
    }

    private static Design readAny(Path file) throws IOException {
        try {
            if (file.getFileName().toString().endsWith(DesignFormat.EXTENSION)) {
                return DesignFormat.read(file).design();
            }
            return design(TaskDefinitionFormat.read(file).taskDefinition());
        } catch (UnreadableFileException refused) {
            return null;
        }
    }

    private static Design design(TaskDefinition td) {
        return DesignFromTaskDefinitions.build(List.of(td)).design();
    }

    private static Design composeDesign(Path file) throws UnreadableFileException {
        return ComposeImport.read(List.of(file), new ComposeImport.Options(null, List.of("*"), false, null, Map.of()))
                .imported().design();
    }

    private static List<Path> files(Path dir, String... endings) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(endings).anyMatch(e -> f.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        }
    }
}
