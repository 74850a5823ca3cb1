package io.stowage.model.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.validateFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The realistic files of src/test/resources/taskdefs, each checked with the AWS CLI's parameter validation too. */
class TaskDefinitionFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"valid-fargate.json", "valid-ec2-bridge.json", "valid-awsvpc-ec2.json",
            "valid-fargate-firelens.json"})
    void realisticTaskDefinitionsGiveNoFinding(String file) throws Exception {
        assertThat(validateFile(file)).isEmpty();
    }

    @Test
    void theBrokenFargateTaskDefinitionReportsEveryMistakeInOneRun() throws Exception {
        List<Finding> findings = validateFile("broken-fargate.json");

        assertThat(ids(findings)).contains(
                tuple("fargate-cpu-memory", "memory"),
                tuple("fargate-network-mode", "networkMode"),
                tuple("fargate-host-port", "containerDefinitions[0].portMappings[0].hostPort"),
                tuple("fargate-unsupported", "containerDefinitions[0].privileged"),
                tuple("fargate-unsupported", "containerDefinitions[0].links"),
                tuple("memory-reservation", "containerDefinitions[0].memoryReservation"),
                tuple("mount-point-source-volume", "containerDefinitions[0].mountPoints[0].sourceVolume"),
                tuple("dependency-cycle", "containerDefinitions[0].dependsOn[0]"),
                tuple("depends-on-target", "containerDefinitions[0].dependsOn[1].containerName"),
                tuple("execution-role-required", "containerDefinitions[0].logConfiguration.logDriver"),
                tuple("environment-literal-secret", "containerDefinitions[0].environment[0].value"),
                tuple("image-reference", "containerDefinitions[1].image"),
                tuple("depends-on-healthy", "containerDefinitions[2].dependsOn[0].condition"),
                tuple("health-check-range", "containerDefinitions[2].healthCheck.interval"),
                tuple("fargate-log-driver", "containerDefinitions[2].logConfiguration.logDriver"),
                tuple("container-name-duplicate", "containerDefinitions[3].name"),
                tuple("reserved-host-port", "containerDefinitions[3].portMappings[0].hostPort"),
                tuple("fargate-volume", "volumes[0].dockerVolumeConfiguration"),
                tuple("role-arn", "taskRoleArn"));
        assertThat(findings).hasSize(19);
        assertThat(findings.stream().filter(f -> !f.isError()).map(Finding::ruleId))
                .containsExactly("environment-literal-secret");
        assertThat(TaskDefs.find(findings, "dependency-cycle", "containerDefinitions[0].dependsOn[0]").message())
                .contains("web → db → web");
        assertThat(TaskDefs.find(findings, "fargate-cpu-memory", "memory").message())
                .contains("with cpu 256 use memory 512, 1024 or 2048 MiB");
    }

    @Test
    void errorsComeFirstThenWarningsEachInDocumentOrder() throws Exception {
        List<Finding> findings = validateFile("broken-fargate.json");

        int firstWarning = findings.indexOf(findings.stream().filter(f -> !f.isError()).findFirst().orElseThrow());
        assertThat(findings.subList(0, firstWarning)).allMatch(Finding::isError);
        assertThat(findings.get(0).path()).isEqualTo("taskRoleArn");
        assertThat(findings.get(firstWarning - 1).path()).isEqualTo("volumes[0].dockerVolumeConfiguration");
    }
}
