package io.stowage.model.rules;

import io.stowage.format.Corpus;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.stowage.model.rules.TaskDefs.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real files of ../shared/corpus/taskdefs: no rule crashes, and what is reported there is genuinely wrong. */
class CorpusValidationTest {

    @Test
    void everyReadableCorpusFileValidatesWithoutCrashing() throws Exception {
        List<Path> files = Corpus.taskDefinitions();
        assumeTrue(!files.isEmpty(), "no corpus beside the checkout");
        Map<String, int[]> counts = new TreeMap<>();
        List<String> clean = new ArrayList<>();
        for (Path file : files) {
            LoadedTaskDefinition loaded;
            try {
                loaded = TaskDefinitionFormat.read(file);
            } catch (UnreadableFileException e) {
                continue;
            }
            List<Finding> findings = TaskDefinitionValidator.validate(loaded.taskDefinition());
            for (Finding finding : findings) {
                assertThat(finding.message()).isNotBlank();
                counts.computeIfAbsent(finding.ruleId(), k -> new int[2])[finding.isError() ? 0 : 1]++;
            }
            if (findings.stream().noneMatch(Finding::isError)) {
                clean.add(file.getFileName().toString());
            }
        }
        StringBuilder summary = new StringBuilder("corpus findings (errors / warnings):\n");
        counts.forEach((id, n) -> summary.append("  ").append(id).append(": ").append(n[0]).append(" / ")
                .append(n[1]).append('\n'));
        System.out.println(summary);
        assertThat(clean).contains("013_aws_amazon-ecs-agent_container-ordering-healthy__task-definition.json",
                "019_aws_amazon-ecs-agent_sysctl__task-definition.json",
                "029_aws_amazon-ecs-agent_secrets-environment-variables__task-definition.json",
                "040_aws-observability_aws-otel-collector_aws-cloudwatch__ecs-fargate-sidecar.json");
    }

    @Test
    void genuineMistakesInTheCorpusAreReported() throws Exception {
        assumeTrue(!Corpus.taskDefinitions().isEmpty(), "no corpus beside the checkout");

        assertThat(ids(validate("041_aws-observability_aws-otel-collector_aws-prometheus__ecs-ec2-task-def.json")))
                .contains(tuple("schema-enum", "networkMode"));
        assertThat(ids(validate("087_awsdocs_amazon-ecs-developer-guide_wfsx-volumes__L37-101.json")))
                .contains(tuple("mount-point-source-volume", "containerDefinitions[0].mountPoints[0].sourceVolume"));
        assertThat(ids(validate("048_aws-samples_aws-containers-task-definitions_wildfly__wildfly_fargate.json")))
                .contains(tuple("execution-role-required", "containerDefinitions[0].logConfiguration.logDriver"));
    }

    private static List<Finding> validate(String name) throws UnreadableFileException {
        return TaskDefinitionValidator.validate(TaskDefinitionFormat.read(Corpus.root().resolve("taskdefs")
                .resolve(name)).taskDefinition());
    }
}
