package io.stowage.model.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One EC2 instance to launch for a design instance, or one existing instance to attach.
 *
 * @param cluster         the cluster it joins
 * @param designId        the design instance's id
 * @param ec2InstanceId   the existing instance to attach, or null to launch a new one
 * @param instanceType    e.g. {@code t3.medium}
 * @param availabilityZone its zone
 * @param subnetId        the subnet to launch in
 * @param securityGroups  security groups, or empty for the VPC's default
 * @param instanceProfile the instance profile
 * @param keyName         a key pair, or null
 * @param imageId         a fixed AMI, or null to read {@code amiParameter}
 * @param amiParameter    the public SSM parameter naming the ECS-optimised AMI
 * @param userData        the user data (launch) 
 * @param attachCommands  the shell commands that make an existing instance join (attach)
 * @param tags            the tags that let the next plan find it
 */
public record Ec2Launch(String cluster, String designId, String ec2InstanceId, String instanceType,
                        String availabilityZone, String subnetId, List<String> securityGroups, String instanceProfile,
                        String keyName, String imageId, String amiParameter, String userData,
                        List<String> attachCommands, Map<String, String> tags) {
    public static final String CLUSTER_TAG = "stowage:cluster";
    public static final String INSTANCE_TAG = "stowage:instance";

    public Ec2Launch {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(designId, "designId");
        securityGroups = List.copyOf(securityGroups);
        attachCommands = List.copyOf(attachCommands);
        tags = Map.copyOf(tags);
    }

    public boolean isAttach() {
        return ec2InstanceId != null;
    }
}
