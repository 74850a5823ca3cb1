package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class VolumeRulesTest {

    @Test
    void hostAndDockerVolumesInUseGiveNoFinding() throws Exception {
        assertThat(validate(file("valid-ec2-bridge.json"))).isEmpty();
        assertThat(validate(file("valid-awsvpc-ec2.json"))).isEmpty();
    }

    @Test
    void mountPointsNameAVolumeOfTheTaskAndAnAbsolutePath() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].mountPoints[0].sourceVolume",
                "mysql_data");
        task = set(task, "containerDefinitions[0].mountPoints[1]", "{\"sourceVolume\": \"wp-content\","
                + " \"containerPath\": \"uploads\"}");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "mount-point-source-volume", "containerDefinitions[1].mountPoints[0].sourceVolume")
                .message()).contains("use one of mysql-data or wp-content");
        assertThat(ids(findings)).contains(
                tuple("mount-point-container-path", "containerDefinitions[0].mountPoints[1].containerPath"));
    }

    @Test
    void aContainerMountsOneVolumePerPath() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].mountPoints[1]",
                "{\"sourceVolume\": \"wp-content\", \"containerPath\": \"/var/lib/mysql/\"}");

        assertThat(ids(validate(task))).contains(
                tuple("mount-point-container-path", "containerDefinitions[1].mountPoints[1].containerPath"));
    }

    @Test
    void volumeNamesAreValidAndUnique() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "volumes[1].name", "mysql-data");
        task = set(task, "volumes[2]", "{\"name\": \"bad name\"}");

        assertThat(ids(validate(task))).contains(tuple("volume-name-duplicate", "volumes[1].name"),
                tuple("volume-name", "volumes[2].name"));
    }

    @Test
    void taskScopedDockerVolumesAreNotAutoprovisioned() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "volumes[0].dockerVolumeConfiguration.scope", "task");

        assertThat(ids(validate(task))).contains(
                tuple("docker-volume-autoprovision", "volumes[0].dockerVolumeConfiguration.autoprovision"));
    }

    @Test
    void volumesFromNamesAnotherContainer() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].volumesFrom",
                "[{\"sourceContainer\": \"db\"}, {\"sourceContainer\": \"wordpress\"}]");

        assertThat(ids(validate(task))).contains(
                tuple("volumes-from-target", "containerDefinitions[0].volumesFrom[0].sourceContainer"),
                tuple("volumes-from-target", "containerDefinitions[0].volumesFrom[1].sourceContainer"));
    }

    @Test
    void efsAccessPointsNeedTransitEncryption() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "volumes", "[{\"name\": \"shared\","
                + " \"efsVolumeConfiguration\": {\"fileSystemId\": \"fs-0123456789abcdef0\", \"rootDirectory\": \"/data\","
                + " \"authorizationConfig\": {\"accessPointId\": \"fsap-0123456789abcdef0\"}}}]");

        assertThat(ids(validate(task))).contains(
                tuple("efs-volume", "volumes[0].efsVolumeConfiguration.transitEncryption"),
                tuple("efs-volume", "volumes[0].efsVolumeConfiguration.rootDirectory"));
        TaskDefinition fixed = set(task, "volumes[0].efsVolumeConfiguration.transitEncryption", "ENABLED");
        fixed = set(fixed, "volumes[0].efsVolumeConfiguration.rootDirectory", null);
        assertThat(validate(fixed)).isEmpty();
    }
}
