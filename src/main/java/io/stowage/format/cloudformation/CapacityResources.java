package io.stowage.format.cloudformation;

import io.stowage.format.YamlText;
import io.stowage.format.ConversionReport;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.InstanceType;
import io.stowage.model.design.InstanceTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster's EC2 container instances as launch templates and Auto Scaling groups: one group per kind of
 * instance (type, OS, architecture, custom attributes, reserved ports), of as many instances as the design has,
 * on the ECS-optimised AMI that the public SSM parameter names, with the agent configured in user data to join
 * the cluster with the design's attributes. The instance role, profile and security group are shared.
 */
final class CapacityResources {
    static final String INSTANCE_SECURITY_GROUP = "ContainerInstanceSecurityGroup";
    private static final String LINUX_AMI = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
    private static final String ARM_AMI = "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id";
    private static final String GPU_AMI = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id";
    private static final String WINDOWS_AMI = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id";

    private record Kind(String instanceType, String osType, String architecture, boolean gpu,
                        Map<String, String> attributes, List<Integer> reservedPorts, List<Integer> reservedUdpPorts) {
    }

    private final Template template;
    private final Parameters parameters;
    private final ConversionReport report;
    private String instanceProfile;

    CapacityResources(Template template, Parameters parameters, ConversionReport report) {
        this.template = template;
        this.parameters = parameters;
        this.report = report;
    }

    /** Adds the cluster's groups and returns their logical ids, for services to wait on. */
    List<String> add(Cluster cluster, String clusterId, String path) {
        Map<Kind, List<ContainerInstance>> byKind = new LinkedHashMap<>();
        for (ContainerInstance instance : cluster.instances()) {
            boolean gpu = instance.registeredGpus() > 0;
            List<Integer> reserved = instance.reservedPorts().equals(instance.defaultReservedPorts())
                    ? List.of() : instance.reservedPorts();
            byKind.computeIfAbsent(new Kind(instance.instanceType(), instance.osType(), instance.cpuArchitecture(), gpu,
                    new TreeMap<>(instance.attributes()), reserved, instance.reservedUdpPorts()), k -> new ArrayList<>())
                    .add(instance);
        }
        List<String> groups = new ArrayList<>();
        if (byKind.isEmpty()) {
            return groups;
        }
        report.add(ConversionReport.Kind.APPROXIMATED, path + ".instances", "the instances of " + cluster.name()
                + " are Auto Scaling groups over the subnets you give; the design's availability zones are not "
                + "enforced, and placement by ec2InstanceId matches the ids AWS assigns, not the design's");
        for (Map.Entry<Kind, List<ContainerInstance>> entry : byKind.entrySet()) {
            Kind kind = entry.getKey();
            int count = entry.getValue().size();
            String base = cluster.id() + "-" + kind.instanceType();
            String launchTemplate = template.uniqueId(base, "LaunchTemplate");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ImageId", Template.ref(parameters.ami(ami(kind), describe(kind))));
            data.put("InstanceType", kind.instanceType());
            data.put("IamInstanceProfile", YamlText.ordered("Arn", Template.getAtt(instanceProfile(), "Arn")));
            data.put("SecurityGroupIds", List.of(Template.ref(INSTANCE_SECURITY_GROUP)));
            data.put("MetadataOptions", YamlText.ordered("HttpTokens", "required"));
            data.put("UserData", YamlText.ordered("Fn::Base64", Template.sub(userData(kind, clusterId))));
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("LaunchTemplateData", data);
            template.resource(launchTemplate, "AWS::EC2::LaunchTemplate", properties);

            String group = template.uniqueId(base, "Instances");
            Map<String, Object> asg = new LinkedHashMap<>();
            asg.put("LaunchTemplate", YamlText.ordered("LaunchTemplateId", Template.ref(launchTemplate),
                    "Version", Template.getAtt(launchTemplate, "LatestVersionNumber")));
            asg.put("MinSize", String.valueOf(count));
            asg.put("MaxSize", String.valueOf(count));
            asg.put("DesiredCapacity", String.valueOf(count));
            asg.put("VPCZoneIdentifier", Template.ref(Parameters.SUBNETS));
            asg.put("Tags", List.of(YamlText.ordered("Key", "Name", "Value", cluster.name() + " " + kind.instanceType(),
                    "PropagateAtLaunch", true)));
            template.resource(group, "AWS::AutoScaling::AutoScalingGroup", asg);
            groups.add(group);
            if (InstanceTypes.find(kind.instanceType()).isEmpty()) {
                report.add(ConversionReport.Kind.ASSUMED, path + ".instances", kind.instanceType() + " is not in "
                        + "Stowage's catalogue; check that EC2 offers it in your Region");
            }
        }
        return groups;
    }

    private String ami(Kind kind) {
        if ("windows".equals(kind.osType())) {
            return WINDOWS_AMI;
        }
        if (kind.gpu()) {
            return GPU_AMI;
        }
        return InstanceType.ARM64.equals(kind.architecture()) ? ARM_AMI : LINUX_AMI;
    }

    private static String describe(Kind kind) {
        return "windows".equals(kind.osType()) ? "Windows" : kind.gpu() ? "Gpu"
                : InstanceType.ARM64.equals(kind.architecture()) ? "Arm64" : "Linux";
    }

    /** The agent's configuration (ecs-semantics §4.1): the cluster, custom attributes and reserved ports. */
    private static String userData(Kind kind, String clusterId) {
        StringBuilder config = new StringBuilder();
        config.append("ECS_CLUSTER=${").append(clusterId).append("}\n");
        if (!kind.attributes().isEmpty()) {
            StringBuilder json = new StringBuilder("{");
            kind.attributes().forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"')
                    .append(k.replace("\"", "")).append("\":\"").append(v.replace("\"", "")).append('"'));
            config.append("ECS_INSTANCE_ATTRIBUTES=").append(json.append('}')).append('\n');
        }
        if (!kind.reservedPorts().isEmpty()) {
            config.append("ECS_RESERVED_PORTS=").append(kind.reservedPorts().toString().replace(" ", "")).append('\n');
        }
        if (!kind.reservedUdpPorts().isEmpty()) {
            config.append("ECS_RESERVED_PORTS_UDP=").append(kind.reservedUdpPorts().toString().replace(" ", "")).append('\n');
        }
        if ("windows".equals(kind.osType())) {
            return "<powershell>\nImport-Module ECSTools\nInitialize-ECSAgent -Cluster ${" + clusterId
                    + "} -EnableTaskIAMRole\n</powershell>\n";
        }
        return "#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\n" + config + "EOF\n";
    }

    /** The instance role (AmazonEC2ContainerServiceforEC2Role) and its profile, made once. */
    private String instanceProfile() {
        if (instanceProfile != null) {
            return instanceProfile;
        }
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("AssumeRolePolicyDocument", Roles.trust("ec2.amazonaws.com"));
        role.put("ManagedPolicyArns", List.of(Template.managedPolicy("service-role/AmazonEC2ContainerServiceforEC2Role"),
                Template.managedPolicy("AmazonSSMManagedInstanceCore")));
        template.resource("ContainerInstanceRole", "AWS::IAM::Role", role);
        instanceProfile = "ContainerInstanceProfile";
        template.resource(instanceProfile, "AWS::IAM::InstanceProfile",
                YamlText.ordered("Roles", List.of(Template.ref("ContainerInstanceRole"))));
        return instanceProfile;
    }
}
