package io.stowage.format.design;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleDesignTest {
    @Test
    void theFirstStartDesignLoadsFromTheClasspath() {
        Design design = ExampleDesigns.firstStart().design();

        Cluster demo = design.cluster("demo").orElseThrow();
        assertThat(demo.instances()).extracting(i -> i.instanceType() + "@" + i.availabilityZone())
                .containsExactly("t3.medium@us-east-1a", "t3.large@us-east-1b");
        assertThat(demo.hasFargate()).isTrue();
        assertThat(design.taskDefinitions()).containsOnlyKeys("web", "api", "worker", "report");
        assertThat(demo.services()).extracting(Service::serviceName).containsExactly("web", "api", "worker", "report");
        assertThat(demo.service("worker").orElseThrow().launchType()).isEqualTo(LaunchTypes.FARGATE);
        assertThat(demo.services()).anySatisfy(s -> assertThat(s.spec().placementStrategy())
                .anySatisfy(p -> assertThat(p.type()).isEqualTo("binpack")));
        assertThat(demo.services()).anySatisfy(s -> assertThat(s.spec().placementConstraints())
                .anySatisfy(p -> assertThat(p.type()).isEqualTo("memberOf")));

        ContainerDefinition nginx = design.taskDefinition("web").orElseThrow().containerDefinitions().get(1);
        assertThat(nginx.image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
        assertThat(nginx.dependsOn()).singleElement()
                .satisfies(d -> assertThat(d.containerName() + ":" + d.condition()).isEqualTo("init:SUCCESS"));
        assertThat(nginx.healthCheck()).isNotNull();
        assertThat(design.taskDefinition("worker").orElseThrow().executionRoleArn())
                .isEqualTo("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
        assertThat(design.layout().bounds().keySet()).containsAll(design.elementIds());
    }

    @Test
    void theFirstStartDesignHasNoErrors() {
        List<Finding> findings = DesignValidator.validate(ExampleDesigns.firstStart().design());

        assertThat(findings).filteredOn(Finding::isError).isEmpty();
    }

    @Test
    void theFirstStartDesignIsWrittenExactlyAsShipped() throws Exception {
        String shipped;
        try (InputStream in = ExampleDesigns.class.getResourceAsStream(ExampleDesigns.FIRST_START)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(DesignFormat.write(ExampleDesigns.firstStart().design())).isEqualTo(shipped);
    }
}
