package io.stowage.model.design;

import io.stowage.model.ecs.TaskSize;

import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTest {
    @Test
    void elementIdsNestAndName() {
        ElementId service = ElementId.service("demo", "web");

        assertThat(service.value()).isEqualTo("cluster:demo/service:web");
        assertThat(service.kind()).isEqualTo("service");
        assertThat(service.localId()).isEqualTo("web");
        assertThat(service.parent()).isEqualTo(ElementId.cluster("demo"));
        assertThat(service.isInside(ElementId.cluster("demo"))).isTrue();
        assertThat(service.isInside(ElementId.cluster("dem"))).isFalse();
        assertThat(ElementId.fargate("demo").kind()).isEqualTo("fargate");
        assertThat(ElementId.container("web", "nginx").value()).isEqualTo("taskdef:web/container:nginx");
        assertThat(ElementId.taskDefinition("web").parent()).isNull();
    }

    @Test
    void taskDefinitionReferencesParseEveryForm() {
        assertThat(TaskDefinitionRef.parse("web")).isEqualTo(new TaskDefinitionRef("web", null));
        assertThat(TaskDefinitionRef.parse("web:12")).isEqualTo(new TaskDefinitionRef("web", 12));
        assertThat(TaskDefinitionRef.parse("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"))
                .isEqualTo(new TaskDefinitionRef("web", 3));
        assertThat(TaskDefinitionRef.parse("arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web"))
                .isEqualTo(new TaskDefinitionRef("web", null));
        assertThat(TaskDefinitionRef.parse(" ")).isNull();
        assertThat(TaskDefinitionRef.parse("${FAMILY}").family()).isEqualTo("${FAMILY}");
    }

    @Test
    void theCatalogueRegistersAsTheAgentDoes() {
        InstanceType m4Like = new InstanceType("m4.large", 2, 8192, InstanceType.X86_64, 0);

        assertThat(m4Like.registeredMemoryMiB()).as("the documented m4.large example").isEqualTo(7985);
        assertThat(InstanceTypes.find("t3.medium").orElseThrow().registeredCpu()).isEqualTo(2048);
        assertThat(InstanceTypes.find("m7g.large").orElseThrow().architecture()).isEqualTo("arm64");
        assertThat(InstanceTypes.find("g4dn.xlarge").orElseThrow().gpus()).isEqualTo(1);
        assertThat(InstanceTypes.smallestFirst("x86_64", false).get(0).name()).isEqualTo("t3.micro");
        List<String> names = new ArrayList<>();
        InstanceTypes.all().forEach(t -> names.add(t.name()));
        assertThat(names).contains("t3.micro", "t3.2xlarge", "m5.4xlarge", "c5.4xlarge", "r5.2xlarge", "m6g.large");
    }

    @Test
    void anInstanceFollowsItsCatalogueType() {
        ContainerInstance instance = ContainerInstance.of("i-1", "t3.small", "us-east-1a");

        ContainerInstance bigger = instance.withInstanceType("m6g.xlarge");

        assertThat(bigger.registeredCpu()).isEqualTo(4096);
        assertThat(bigger.cpuArchitecture()).isEqualTo("arm64");
        assertThat(bigger.withInstanceType("custom.type").registeredCpu()).as("unknown types keep values").isEqualTo(4096);
        assertThat(instance.reservedPorts()).containsExactly(22, 2375, 2376, 51678, 51679);
        assertThat(instance.withOsType("windows").reservedPorts()).contains(3389);
        assertThatThrownBy(() -> ContainerInstance.of("i-2", "nope.large", "a")).hasMessageContaining("nope.large");
    }

    @Test
    void taskSizesReadAsEcsNormalisesThem() {
        List<String> notes = new ArrayList<>();

        assertThat(TaskRequirements.parseSize("512", TaskSize::cpuUnits, "cpu", notes)).isEqualTo(512);
        assertThat(TaskRequirements.parseSize("1 vCPU", TaskSize::cpuUnits, "cpu", notes)).isEqualTo(1024);
        assertThat(TaskRequirements.parseSize("0.25 vcpu", TaskSize::cpuUnits, "cpu", notes)).isEqualTo(256);
        assertThat(TaskRequirements.parseSize("2GB", TaskSize::memoryMiB, "memory", notes)).isEqualTo(2048);
        assertThat(notes).isEmpty();
        assertThat(TaskRequirements.parseSize("${MEMORY}", TaskSize::memoryMiB, "memory", notes)).isNull();
        assertThat(notes).singleElement().asString().contains("${MEMORY}");
    }

    @Test
    void editsReturnNewDesignsAndKeepOrder() {
        Design design = Design.empty("d")
                .withCluster(Cluster.named("a"))
                .withCluster(Cluster.named("b"))
                .withTaskDefinition(TaskDefinitions.ec2("x", TaskDefinitions.container("x", 64)))
                .withTaskDefinition(TaskDefinitions.ec2("y", TaskDefinitions.container("y", 64)));
        Cluster a = design.cluster("a").orElseThrow()
                .withService(Service.of(ServiceSpec.EMPTY.withServiceName("s").withTaskDefinition("x")))
                .withInstance(ContainerInstance.of("i-1", "t3.micro", "z"));
        Design changed = design.withCluster(a.withName("renamed"))
                .withTaskDefinition(TaskDefinitions.ec2("x", TaskDefinitions.container("x2", 64)));

        assertThat(changed.clusters()).extracting(Cluster::id).containsExactly("a", "b");
        assertThat(changed.cluster("a").orElseThrow().name()).isEqualTo("renamed");
        assertThat(changed.taskDefinitions().keySet()).containsExactly("x", "y");
        assertThat(changed.taskDefinition("x").orElseThrow().containerDefinitions().get(0).name()).isEqualTo("x2");
        assertThat(design.cluster("a").orElseThrow().services()).as("the original is unchanged").isEmpty();
        assertThat(changed.launchTypesOf("x")).containsExactly("EC2");
        assertThat(changed.elementIds()).contains(ElementId.service("a", "s"), ElementId.instance("a", "i-1"),
                ElementId.container("x", "x2"));

        Design laidOut = changed.withLayout(AutoLayout.arrange(changed));
        Design pruned = laidOut.withCluster(laidOut.cluster("a").orElseThrow().withoutService("s")).withPrunedLayout();
        assertThat(pruned.layout().boundsOf(ElementId.service("a", "s"))).isEmpty();
        assertThat(laidOut.withoutTaskDefinition("x").layout().boundsOf(ElementId.container("x", "x2"))).isEmpty();
        assertThatThrownBy(() -> new Design("d", List.of(), java.util.Map.of("k",
                TaskDefinitions.ec2("other")), Layout.EMPTY, JsonObject.EMPTY)).hasMessageContaining("keyed k");
    }
}
