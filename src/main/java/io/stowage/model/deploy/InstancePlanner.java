package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.stowage.model.deploy.PlannedChange.Action.BLOCKED;
import static io.stowage.model.deploy.PlannedChange.Action.CREATE;
import static io.stowage.model.deploy.PlannedChange.Action.UNCHANGED;
import static io.stowage.model.deploy.PlannedChange.Action.UPDATE;

/**
 * Plans a cluster's EC2 capacity. A design instance is, in this order: a registered container instance (whose
 * {@code stowage.instance} attribute or EC2 id is the design id, or which runs on the EC2 instance launched for
 * it); an instance launched for it whose agent has not registered yet; an existing EC2 instance of that id, which
 * is attached; or else a new instance to launch.
 */
final class InstancePlanner {
    private final Cluster cluster;
    private final ObservedCluster existing;
    private final Ec2Facts facts;
    private final List<PlannedChange> out;
    private final Ec2Settings settings;

    InstancePlanner(Cluster cluster, ObservedCluster existing, Ec2Facts facts, List<PlannedChange> out) {
        this.cluster = cluster;
        this.existing = existing;
        this.facts = facts;
        this.out = out;
        this.settings = Ec2Settings.of(cluster);
    }

    void plan() {
        for (ContainerInstance instance : cluster.instances()) {
            planInstance(instance);
        }
    }

    private void planInstance(ContainerInstance instance) {
        String subject = "instance " + cluster.name() + "/" + instance.id();
        Optional<ObservedEc2Instance> launched = existing.ec2Instances().stream()
                .filter(e -> instance.id().equals(e.designId()) && cluster.name().equals(e.cluster()) && e.isUp())
                .findFirst();
        Optional<ObservedInstance> registered = existing.instances().stream()
                .filter(r -> instance.id().equals(r.designId()) || instance.id().equals(r.ec2InstanceId())
                        || launched.isPresent() && launched.get().instanceId().equals(r.ec2InstanceId()))
                .findFirst();
        if (registered.isPresent()) {
            planAttributes(instance, registered.get(), subject);
            return;
        }
        if (launched.isPresent()) {
            out.add(new PlannedChange(ChangeKind.LAUNCH_INSTANCE, UNCHANGED, cluster.name(), subject, subject
                    + " was launched as " + launched.get().instanceId() + " (" + launched.get().state()
                    + "); its agent has not registered yet", List.of(), null, null));
            return;
        }
        Optional<ObservedEc2Instance> byId = existing.ec2Instances().stream()
                .filter(e -> instance.id().equals(e.instanceId())).findFirst();
        if (byId.isPresent()) {
            planAttach(instance, byId.get(), subject);
            return;
        }
        planLaunch(instance, subject);
    }

    private void planAttributes(ContainerInstance instance, ObservedInstance registered, String subject) {
        Map<String, String> missing = new LinkedHashMap<>();
        instance.attributes().forEach((name, value) -> {
            if (!value.equals(registered.attributes().get(name))) {
                missing.put(name, value);
            }
        });
        if (missing.isEmpty()) {
            out.add(new PlannedChange(ChangeKind.INSTANCE_ATTRIBUTES, UNCHANGED, cluster.name(), subject, subject
                    + " is registered as " + registered.ec2InstanceId(), List.of(), null, null));
            return;
        }
        List<JsonObject> attributes = new ArrayList<>();
        // Attribute.targetType [M] is needed only with the short id; the ARN alone names the instance.
        missing.forEach((name, value) -> attributes.add(JsonObject.builder().put("name", name).put("value", value)
                .put("targetId", registered.containerInstanceArn()).build()));
        JsonObject request = JsonObject.builder().put("cluster", cluster.name())
                .put("attributes", JsonArray.of(attributes)).build();
        out.add(new PlannedChange(ChangeKind.INSTANCE_ATTRIBUTES, UPDATE, cluster.name(), subject,
                "set attributes " + String.join(", ", missing.keySet()) + " on " + subject,
                missing.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList(), request, null));
    }

    private void planAttach(ContainerInstance instance, ObservedEc2Instance ec2, String subject) {
        if (!"running".equals(ec2.state())) {
            out.add(new PlannedChange(ChangeKind.ATTACH_INSTANCE, BLOCKED, cluster.name(), subject, subject
                    + " is EC2 instance " + ec2.instanceId() + ", which is " + ec2.state()
                    + "; start it so its agent can join " + cluster.name(), List.of(), null, null));
            return;
        }
        if (ContainerInstance.WINDOWS.equals(instance.osType())) {
            out.add(new PlannedChange(ChangeKind.ATTACH_INSTANCE, BLOCKED, cluster.name(), subject, subject
                    + " is a running Windows instance; run Initialize-ECSAgent -Cluster " + cluster.name()
                    + " on it to join the cluster", List.of(), null, null));
            return;
        }
        Ec2Launch attach = new Ec2Launch(cluster.name(), instance.id(), ec2.instanceId(), instance.instanceType(),
                instance.availabilityZone(), null, List.of(), settings.instanceProfile(), null, null, null, null,
                EcsAgentConfig.attachCommands(cluster.name(), instance), tags(instance));
        out.add(new PlannedChange(ChangeKind.ATTACH_INSTANCE, UPDATE, cluster.name(), subject,
                "attach " + subject + ": its ECS agent joins " + cluster.name() + " (SSM Run Command)",
                List.of("the instance needs the SSM agent and an instance profile that allows Run Command"),
                null, attach));
    }

    private void planLaunch(ContainerInstance instance, String subject) {
        String zone = instance.availabilityZone();
        String subnet = settings.subnets().getOrDefault(zone, facts.defaultSubnets().get(zone));
        List<String> problems = new ArrayList<>();
        if (subnet == null) {
            problems.add("no subnet for " + zone + ": the account has no default subnet there; name one in the "
                    + "cluster's ec2.subnets");
        }
        if (facts.lacksProfile(settings.instanceProfile())) {
            problems.add("instance profile " + settings.instanceProfile() + " does not exist; create it with a role "
                    + "that has the AmazonEC2ContainerServiceforEC2Role policy, or name another in the cluster's "
                    + "ec2.instanceProfile" + (ConsoleDefaults.isDefaultInstanceProfile(settings.instanceProfile())
                    ? " (a deploy without --no-create-roles creates it)" : ""));
        }
        if (!problems.isEmpty()) {
            out.add(new PlannedChange(ChangeKind.LAUNCH_INSTANCE, BLOCKED, cluster.name(), subject,
                    "cannot launch " + subject + ": " + String.join("; ", problems), List.of(), null, null));
            return;
        }
        String ami = settings.imageId() != null ? settings.imageId() : EcsAgentConfig.amiParameter(instance);
        Ec2Launch launch = new Ec2Launch(cluster.name(), instance.id(), null, instance.instanceType(), zone, subnet,
                settings.securityGroups(), settings.instanceProfile(), settings.keyName(), settings.imageId(),
                settings.imageId() != null ? null : ami, EcsAgentConfig.userData(cluster.name(), instance),
                List.of(), tags(instance));
        out.add(new PlannedChange(ChangeKind.LAUNCH_INSTANCE, CREATE, cluster.name(), subject,
                "launch " + subject + ": " + instance.instanceType() + " in " + zone + " (" + subnet + ")",
                List.of("image " + ami, "instance profile " + settings.instanceProfile()), null, launch));
    }

    private Map<String, String> tags(ContainerInstance instance) {
        return Map.of(Ec2Launch.CLUSTER_TAG, cluster.name(), Ec2Launch.INSTANCE_TAG, instance.id(),
                "Name", cluster.name() + "/" + instance.id());
    }
}
