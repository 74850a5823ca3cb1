package io.stowage.format.export;

import io.stowage.format.Corpus;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task definitions exported one file each pass the AWS CLI's own parameter validation (botocore's
 * ParamValidator through ../shared/tools/validate-taskdef), and read back as what was exported.
 */
@Tag("ecs")
class TaskDefinitionExportTest {
    @TempDir
    Path dir;

    @Test
    void everyExportedFileIsValidRegisterTaskDefinitionInput() throws Exception {
        Path tool = Corpus.root().resolve("../tools/validate-taskdef").normalize();
        ExternalTool.require("python3 with botocore", "python3", "-c", "import botocore");
        ExternalTool.require(tool.toString(), "test", "-f", tool.toString());
        List<Path> files = new ArrayList<>();
        List<Design> designs = CloudFormationExportTest.designs();
        for (int i = 0; i < designs.size(); i++) {
            DesignExport.Result result = DesignExport.write(designs.get(i), null, DesignExport.Target.TASKDEFS,
                    dir.resolve("design-" + i));
            assertThat(result.written()).hasSize(designs.get(i).taskDefinitions().size());
            for (Path file : result.written()) {
                String family = file.getFileName().toString().replaceFirst("\\.json$", "");
                assertThat(TaskDefinitionFormat.read(file).taskDefinition())
                        .isEqualTo(designs.get(i).taskDefinition(family).orElseThrow());
            }
            files.addAll(result.written());
        }
        List<String> command = new ArrayList<>(List.of("python3", tool.toString(), "-q"));
        files.forEach(f -> command.add(f.toString()));
        ExternalTool.Run run = ExternalTool.run(dir, 300, command);
        assertThat(run.output().lines().filter(l -> !l.startsWith("VALID"))).as(run.output()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.output().lines().count()).isEqualTo(files.size());
    }
}
