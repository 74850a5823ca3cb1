package io.stowage.engine.ecs;

import io.stowage.model.deploy.EcsAgentConfig;
import io.stowage.model.deploy.Ec2Launch;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test needs of the emulated account beyond what deploying makes: the instance profile, the default
 * subnets, and an ECS agent's part, registering the instances deploying launched (moto runs no agent).
 */
final class MotoAccount {
    private final AwsClients aws;

    MotoAccount(AwsClients aws) {
        this.aws = aws;
    }

    void createInstanceProfile(String name) {
        aws.iam().createInstanceProfile(r -> r.instanceProfileName(name));
    }

    /**
     * What an account that has used the ECS console holds for the example design: the execution role its worker
     * names and the log group it writes to (without them the deploy plans creating them, see DeployDefaultsTest).
     */
    void createExampleConsoleDefaults() {
        aws.iam().createRole(r -> r.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(
                io.stowage.model.deploy.ConsoleDefaults.trustPolicy("ecs-tasks.amazonaws.com")));
        aws.logs().createLogGroup(r -> r.logGroupName("/ecs/worker"));
    }

    String defaultSubnet(String zone) {
        return aws.ec2().describeSubnets(r -> r.filters(
                Filter.builder().name("default-for-az").values("true").build(),
                Filter.builder().name("availability-zone").values(zone).build())).subnets().get(0).subnetId();
    }

    String defaultSecurityGroup() {
        return aws.ec2().describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values("default")
                .build())).securityGroups().get(0).groupId();
    }

    /** The EC2 instances deploying launched for the cluster. */
    List<Instance> launched(String cluster) {
        List<Instance> out = new ArrayList<>();
        aws.ec2().describeInstances(r -> r.filters(Filter.builder().name("tag:" + Ec2Launch.CLUSTER_TAG)
                .values(cluster).build())).reservations().forEach(res -> out.addAll(res.instances()));
        return out;
    }

    /**
     * What an agent does when its instance boots with Stowage's user data: RegisterContainerInstance, with the
     * ECS_INSTANCE_ATTRIBUTES (moto ignores attributes given at registration, so they are put afterwards).
     */
    List<ContainerInstance> registerLaunched(String cluster) {
        List<ContainerInstance> out = new ArrayList<>();
        for (Instance instance : launched(cluster)) {
            String designId = instance.tags().stream().filter(t -> t.key().equals(Ec2Launch.INSTANCE_TAG))
                    .findFirst().orElseThrow().value();
            out.add(register(cluster, instance.instanceId(), List.of(Attribute.builder()
                    .name(EcsAgentConfig.INSTANCE_ATTRIBUTE).value(designId).build())));
        }
        return out;
    }

    ContainerInstance register(String cluster, String ec2InstanceId, List<Attribute> attributes) {
        ContainerInstance registered = aws.ecs().registerContainerInstance(r -> r.cluster(cluster)
                .instanceIdentityDocument("{\"instanceId\": \"" + ec2InstanceId + "\"}")).containerInstance();
        if (!attributes.isEmpty()) {
            List<Attribute> targeted = attributes.stream().map(a -> a.toBuilder()
                    .targetId(registered.containerInstanceArn()).build()).toList();
            aws.ecs().putAttributes(r -> r.cluster(cluster).attributes(targeted));
        }
        return registered;
    }

    /** An EC2 instance as a user would have started it, outside Stowage. */
    String runInstance(String type, String zone) {
        String image = aws.ssm().getParameter(r -> r.name(
                "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")).parameter().value();
        return aws.ec2().runInstances(r -> r.imageId(image).instanceType(type).minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone(zone))).instances().get(0).instanceId();
    }

    /**
     * moto's state manager: how many DescribeTasks calls a task stays in each status before it moves on to the
     * next (RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED), or to restore moto's default.
     */
    static void taskTransitions(URI endpoint, Integer describesPerStatus) {
        String body = describesPerStatus == null ? "{\"model_name\": \"ecs::task\"}"
                : "{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\", \"times\": "
                + describesPerStatus + "}}";
        String path = describesPerStatus == null ? "/moto-api/state-manager/unset-transition"
                : "/moto-api/state-manager/set-transition";
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
