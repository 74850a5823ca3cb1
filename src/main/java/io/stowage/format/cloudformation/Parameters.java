package io.stowage.format.cloudformation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters for what differs per account and Region: the VPC, its subnets, who may connect, the AMIs. */
final class Parameters {
    static final String VPC = "VpcId";
    static final String SUBNETS = "Subnets";
    static final String ALLOWED_CIDR = "AllowedCidr";

    private final Template template;

    Parameters(Template template) {
        this.template = template;
    }

    String vpc() {
        declare(VPC, "AWS::EC2::VPC::Id", "The VPC of the container instances and awsvpc tasks", null);
        return VPC;
    }

    String subnets() {
        declare(SUBNETS, "List<AWS::EC2::Subnet::Id>", "Subnets of that VPC for the container instances and awsvpc "
                + "tasks, in the availability zones you want to use", null);
        return SUBNETS;
    }

    String allowedCidr() {
        declare(ALLOWED_CIDR, "String", "The addresses that may connect to the ports the design publishes",
                "0.0.0.0/0");
        return ALLOWED_CIDR;
    }

    /** A parameter reading the AMI from a public SSM parameter, one per kind of machine. */
    String ami(String ssmParameter, String kind) {
        String id = "EcsOptimizedAmi" + kind;
        declare(id, "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "The ECS-optimised " + kind + " AMI",
                ssmParameter);
        return id;
    }

    private void declare(String id, String type, String description, String fallback) {
        if (template.parameters.containsKey(id)) {
            return;
        }
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("Type", type);
        parameter.put("Description", description);
        if (fallback != null) {
            parameter.put("Default", fallback);
        }
        template.parameters.put(id, parameter);
    }
}
