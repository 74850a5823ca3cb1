package io.stowage.model.design;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stowage.model.design.TaskDefinitions.bindingHostPort;
import static io.stowage.model.design.TaskDefinitions.container;
import static io.stowage.model.design.TaskDefinitions.ec2;
import static org.assertj.core.api.Assertions.assertThat;

class DesignFromTaskDefinitionsTest {
    @Test
    void eachTaskDefinitionBecomesAServiceWithOneTask() {
        Design design = DesignFromTaskDefinitions.build(List.of(ec2("a", container("a", 128)),
                ec2("b", container("b", 128)))).design();

        Cluster cluster = design.cluster("default").orElseThrow();
        assertThat(cluster.services()).extracting(Service::serviceName).containsExactly("a", "b");
        assertThat(cluster.services()).allSatisfy(s -> {
            assertThat(s.id()).isEqualTo(s.serviceName());
            assertThat(s.taskDefinitionFamily()).isEqualTo(s.serviceName());
            assertThat(s.desiredCount()).isEqualTo(1);
            assertThat(s.spec().launchType()).isEqualTo("EC2");
        });
        assertThat(cluster.instances()).singleElement().satisfies(i -> assertThat(i.instanceType()).isEqualTo("t3.micro"));
        assertThat(cluster.hasFargate()).isFalse();
        assertThat(design.taskDefinitions()).containsOnlyKeys("a", "b");
        assertThat(design.name()).isEqualTo("imported");
    }

    @Test
    void aTaskNeeding3GiBGetsAnInstanceWithAtLeast3GiB() {
        TaskDefinition big = ec2("big", container("big", null)).withMemory("3 GB").withCpu("1 vCPU");

        Cluster cluster = DesignFromTaskDefinitions.build(List.of(big)).design().cluster("default").orElseThrow();

        assertThat(cluster.instances()).singleElement().satisfies(i -> {
            assertThat(i.registeredMemoryMiB()).isGreaterThanOrEqualTo(3072);
            assertThat(i.registeredCpu()).isGreaterThanOrEqualTo(1024);
            assertThat(i.instanceType()).as("the smallest that fits").isEqualTo("t3.medium");
        });
    }

    @Test
    void containerMemoryIsSummedUsingTheReservationFirst() {
        TaskDefinition td = ec2("sum", container("a", 2048).withMemoryReservation(1024), container("b", 1500));

        assertThat(TaskRequirements.of(td).memoryMiB()).isEqualTo(1024 + 1500);
        Cluster cluster = DesignFromTaskDefinitions.build(List.of(td)).design().cluster("default").orElseThrow();
        assertThat(cluster.instances()).singleElement()
                .satisfies(i -> assertThat(i.registeredMemoryMiB()).isGreaterThanOrEqualTo(2524));
    }

    @Test
    void twoTasksBindingHostPort80GetTwoInstances() {
        Cluster cluster = DesignFromTaskDefinitions.build(List.of(bindingHostPort("one", 80), bindingHostPort("two", 80)))
                .design().cluster("default").orElseThrow();

        assertThat(cluster.instances()).hasSize(2);
        assertThat(cluster.instances()).extracting(ContainerInstance::availabilityZone)
                .containsExactly("us-east-1a", "us-east-1b");
        assertThat(cluster.instances()).extracting(ContainerInstance::id).doesNotHaveDuplicates();
    }

    @Test
    void differentHostPortsShareAnInstance() {
        Cluster cluster = DesignFromTaskDefinitions.build(List.of(bindingHostPort("one", 80), bindingHostPort("two", 81)))
                .design().cluster("default").orElseThrow();

        assertThat(cluster.instances()).hasSize(1);
    }

    @Test
    void hostModeBindsTheContainerPortWhenNoHostPortIsGiven() {
        TaskDefinition a = ec2("a", container("a", 128).withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(8080))))
                .withNetworkMode("host");
        TaskDefinition b = a.withFamily("b");
        TaskDefinition dynamic = a.withFamily("c").withNetworkMode("bridge");

        assertThat(TaskRequirements.of(a).hostPorts()).containsExactly(new HostPort("tcp", 8080));
        assertThat(TaskRequirements.of(dynamic).hostPorts()).as("bridge without hostPort is dynamic").isEmpty();
        assertThat(DesignFromTaskDefinitions.build(List.of(a, b, dynamic)).design().cluster("default").orElseThrow()
                .instances()).hasSize(2);
    }

    @Test
    void aFargateOnlyTaskDefinitionGetsFargateCapacity() {
        ImportedDesign imported = DesignFromTaskDefinitions.build(List.of(TaskDefinitions.fargate("job")));
        Cluster cluster = imported.design().cluster("default").orElseThrow();

        assertThat(cluster.hasFargate()).isTrue();
        assertThat(cluster.instances()).isEmpty();
        Service job = cluster.service("job").orElseThrow();
        assertThat(job.spec().launchType()).isEqualTo("FARGATE");
        assertThat(job.spec().networkConfiguration()).as("no placeholder: a deploy picks the default VPC's").isNull();
        assertThat(imported.notes()).anySatisfy(n -> assertThat(n.message()).contains("default VPC"));
        assertThat(imported.design().name()).isEqualTo("job");
    }

    @Test
    void aTaskDefinitionCompatibleWithBothRunsOnEc2() {
        TaskDefinition both = TaskDefinitions.fargate("both").withRequiresCompatibilities(List.of("EC2", "FARGATE"));

        Cluster cluster = DesignFromTaskDefinitions.build(List.of(both)).design().cluster("default").orElseThrow();

        assertThat(cluster.service("both").orElseThrow().launchType()).isEqualTo("EC2");
        assertThat(cluster.instances()).hasSize(1);
        assertThat(cluster.hasFargate()).isFalse();
    }

    @Test
    void unstatedMemoryIsAssumedAndSaidSo() {
        ImportedDesign imported = DesignFromTaskDefinitions.build(List.of(ec2("quiet", container("quiet", null))));

        assertThat(imported.notes()).anySatisfy(n -> {
            assertThat(n.about()).isEqualTo(ElementId.taskDefinition("quiet"));
            assertThat(n.message()).contains("512 MiB");
        });
    }

    @Test
    void armTasksGetArmInstances() {
        Cluster cluster = DesignFromTaskDefinitions.build(List.of(TaskDefinitions.arm("graviton"), ec2("x86", container("x", 64))))
                .design().cluster("default").orElseThrow();

        assertThat(cluster.instances()).extracting(ContainerInstance::cpuArchitecture)
                .containsExactlyInAnyOrder("arm64", "x86_64");
        assertThat(cluster.instances()).filteredOn(i -> i.cpuArchitecture().equals("arm64"))
                .singleElement().satisfies(i -> assertThat(i.instanceType()).isEqualTo("m6g.medium"));
    }

    @Test
    void gpuTasksGetAGpuInstance() {
        TaskDefinition gpu = ec2("train", container("train", 4096).withResourceRequirements(List.of(
                io.stowage.model.ecs.ResourceRequirement.EMPTY.withType("GPU").withValue("1"))));

        Cluster cluster = DesignFromTaskDefinitions.build(List.of(gpu)).design().cluster("default").orElseThrow();

        assertThat(cluster.instances()).singleElement().satisfies(i -> {
            assertThat(i.instanceType()).isEqualTo("g4dn.xlarge");
            assertThat(i.registeredGpus()).isEqualTo(1);
        });
    }

    @Test
    void manyTasksPackOntoFewInstances() {
        List<TaskDefinition> tds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tds.add(ec2("svc" + i, container("c", 1024).withCpu(512)));
        }

        Cluster cluster = DesignFromTaskDefinitions.build(tds).design().cluster("default").orElseThrow();

        int cpu = cluster.instances().stream().mapToInt(ContainerInstance::registeredCpu).sum();
        int memory = cluster.instances().stream().mapToInt(ContainerInstance::registeredMemoryMiB).sum();
        assertThat(cpu).isGreaterThanOrEqualTo(10 * 512);
        assertThat(memory).isGreaterThanOrEqualTo(10 * 1024);
        assertThat(cluster.instances()).hasSize(1);
        assertThat(cluster.instances().get(0).instanceType()).as("8 vCPU, 16 GiB: the least memory with the CPU needed")
                .isEqualTo("c5.2xlarge");
    }

    @Test
    void aTaskTooBigForTheCatalogueIsNoted() {
        ImportedDesign imported = DesignFromTaskDefinitions.build(List.of(ec2("huge", container("huge", 500_000))));

        assertThat(imported.design().cluster("default").orElseThrow().instances()).hasSize(1);
        assertThat(imported.notes()).anySatisfy(n -> assertThat(n.message()).contains("huge needs", "larger type"));
    }

    @Test
    void familiesAreUniqueAndNeverMissing() {
        TaskDefinition first = ec2("web", container("v1", 64));
        TaskDefinition second = ec2("web", container("v2", 64));
        TaskDefinition anonymous = ec2(null, container("x", 64));

        ImportedDesign imported = DesignFromTaskDefinitions.build(List.of(first, second, anonymous));

        assertThat(imported.design().taskDefinitions()).containsOnlyKeys("web", "taskdef-1");
        assertThat(imported.design().taskDefinition("web").orElseThrow()).isEqualTo(second);
        assertThat(imported.notes()).extracting(DesignNote::message)
                .anySatisfy(m -> assertThat(m).contains("more than once"))
                .anySatisfy(m -> assertThat(m).contains("was named taskdef-1"));
    }

    @Test
    void theLayoutPlacesEveryElementWithoutOverlap() {
        List<TaskDefinition> tds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            tds.add(bindingHostPort("web" + i, 80).withContainerDefinitions(List.of(
                    container("a", 128).withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(80).withHostPort(80))),
                    container("b", 64), container("c", 64))));
        }
        tds.add(TaskDefinitions.fargate("job"));

        Design design = DesignFromTaskDefinitions.build(tds).design();

        LayoutAssertions.assertTidy(design);
    }

    /** Checks shared by tests of generated layouts. */
    static final class LayoutAssertions {
        static void assertTidy(Design design) {
            Map<ElementId, Bounds> bounds = design.layout().bounds();
            assertThat(bounds.keySet()).containsExactlyInAnyOrderElementsOf(design.elementIds());
            List<ElementId> ids = List.copyOf(bounds.keySet());
            for (ElementId a : ids) {
                ElementId parent = a.parent();
                if (parent != null) {
                    assertThat(bounds.get(parent).contains(bounds.get(a))).as(a + " inside " + parent).isTrue();
                }
                for (ElementId b : ids) {
                    boolean nested = a.equals(b) || a.isInside(b) || b.isInside(a);
                    if (!nested) {
                        assertThat(bounds.get(a).overlaps(bounds.get(b))).as(a + " overlaps " + b).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void containersWithoutNamesAreNotLaidOut() {
        TaskDefinition td = ec2("t", ContainerDefinition.EMPTY.withImage("x").withMemory(64));

        Design design = DesignFromTaskDefinitions.build(List.of(td)).design();

        assertThat(design.elementIds()).doesNotContain(ElementId.container("t", "null"));
        LayoutAssertions.assertTidy(design);
    }
}
