package io.stowage.engine.local;

import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The notices a run starts with say where ports are published, --publish-all included. */
class DeviationWordsTest {
    private static final String AWSVPC = """
            {"formatVersion": 1, "name": "vpc",
             "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
               "availabilityZone": "us-east-1a"}],
               "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
             "taskDefinitions": [{"family": "web", "networkMode": "awsvpc", "containerDefinitions": [
               {"name": "web", "image": "nginx", "memory": 32, "portMappings": [{"containerPort": 80}]}]}]}
            """;

    @Test
    void withPublishAllNoNoticeNamesALoopbackAddress() throws Exception {
        Design design = DesignFormat.parse("vpc.stowage.json", AWSVPC).design();
        List<String> all = LocalEngine.deviations(design,
                LocalRunOptions.defaults().withPublishAllInterfaces(true), "stowage-vpc", TaskCgroups.unavailable("not needed here"));
        assertThat(all).noneMatch(d -> d.contains("127.0.")).anyMatch(d -> d.startsWith("awsvpc tasks")
                && d.contains("all interfaces (0.0.0.0)"))
                .anyMatch(d -> d.startsWith("instance i-1") && d.endsWith("all interfaces (0.0.0.0)"));

        List<String> loopback = LocalEngine.deviations(design, LocalRunOptions.defaults(), "stowage-vpc", TaskCgroups.unavailable("not needed here"));
        assertThat(loopback).anyMatch(d -> d.startsWith("awsvpc tasks get a loopback address of their own (127.0.2.N)"));
    }
}
