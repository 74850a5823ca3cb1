package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stowage.model.deploy.PlannedChange.Action.BLOCKED;
import static io.stowage.model.deploy.PlannedChange.Action.CREATE;

/**
 * What the ECS console creates for a first deploy when the account lacks it: the task execution role
 * {@code ecsTaskExecutionRole}, the container instance role {@code ecsInstanceRole} with its instance profile, and
 * the CloudWatch log groups that {@code awslogs} containers write to. Only these default names are ever created;
 * a role or profile the design names otherwise must exist.
 */
public final class ConsoleDefaults {
    public static final String EXECUTION_ROLE = "ecsTaskExecutionRole";
    public static final String INSTANCE_ROLE = Ec2Settings.DEFAULT_INSTANCE_PROFILE;
    static final String EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    static final String INSTANCE_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";

    private ConsoleDefaults() {
    }

    /** The role names a deploy of the design may create, so that the reader asks IAM about them and no more. */
    public static Set<String> rolesToCheck(Design design) {
        Set<String> out = new LinkedHashSet<>();
        for (TaskDefinition td : design.taskDefinitionList()) {
            if (isDefaultExecutionRole(td.executionRoleArn())) {
                out.add(EXECUTION_ROLE);
            }
        }
        for (Cluster cluster : design.clusters()) {
            if (!cluster.instances().isEmpty() && isDefaultInstanceProfile(Ec2Settings.of(cluster).instanceProfile())) {
                out.add(INSTANCE_ROLE);
            }
        }
        return out;
    }

    /** The awslogs groups the design's containers name, with the region each names (null: the deploy's). */
    public static Map<String, String> logGroups(Design design) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TaskDefinition td : design.taskDefinitionList()) {
            for (Json c : JsonTrees.array(td.json().get("containerDefinitions")).items()) {
                JsonObject log = JsonTrees.object(JsonTrees.object(c).get("logConfiguration"));
                if (!"awslogs".equals(JsonTrees.string(log, "logDriver"))) {
                    continue;
                }
                JsonObject options = JsonTrees.object(log.get("options"));
                String group = JsonTrees.string(options, "awslogs-group");
                if (group != null && !group.isBlank() && !"true".equalsIgnoreCase(
                        JsonTrees.string(options, "awslogs-create-group"))) {
                    out.putIfAbsent(group, JsonTrees.string(options, "awslogs-region"));
                }
            }
        }
        return out;
    }

    static boolean isDefaultExecutionRole(String arn) {
        return arn != null && (arn.equals(EXECUTION_ROLE) || arn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/" + EXECUTION_ROLE));
    }

    static boolean isDefaultInstanceProfile(String profile) {
        return profile.equals(INSTANCE_ROLE) || profile.matches("arn:aws[a-z-]*:iam::\\d{12}:instance-profile/" + INSTANCE_ROLE);
    }

    /**
     * The roles and log groups to create, first in the plan; launches that need the instance profile are left to
     * the instance planner, which blocks them when {@code createRoles} is off.
     */
    static List<PlannedChange> plan(Design design, Ec2Facts facts, boolean createRoles, boolean instancesLaunched,
                                    Set<String> filled) {
        List<PlannedChange> out = new ArrayList<>();
        boolean executionRoleMissing = facts.lacksRole(EXECUTION_ROLE) && rolesToCheck(design).contains(EXECUTION_ROLE);
        if (executionRoleMissing) {
            List<String> users = design.taskDefinitionList().stream()
                    .filter(td -> isDefaultExecutionRole(td.executionRoleArn())).map(TaskDefinition::family).toList();
            String subject = "role " + EXECUTION_ROLE;
            String naming = naming(users, filled);
            if (createRoles) {
                out.add(new PlannedChange(ChangeKind.ROLE, CREATE, null, subject, "create role " + EXECUTION_ROLE
                        + " (the task execution role; " + naming + ")",
                        List.of("trusted by ecs-tasks.amazonaws.com, with the managed policy AmazonECSTaskExecutionRolePolicy"),
                        role(EXECUTION_ROLE, "ecs-tasks.amazonaws.com", EXECUTION_POLICY, false), null));
            } else {
                out.add(new PlannedChange(ChangeKind.ROLE, BLOCKED, null, subject, "role " + EXECUTION_ROLE
                        + " does not exist and --no-create-roles forbids creating it; " + naming, List.of(),
                        null, null));
            }
        }
        // Only a missing profile is made: one that exists may hold a role of another name, which is the owner's choice.
        if (instancesLaunched && facts.lacksProfile(INSTANCE_ROLE) && createRoles) {
            List<String> details = new ArrayList<>();
            details.add("trusted by ec2.amazonaws.com, with the managed policy AmazonEC2ContainerServiceforEC2Role");
            details.add("instance profile " + INSTANCE_ROLE + " created and given the role");
            JsonObject request = role(INSTANCE_ROLE, "ec2.amazonaws.com", INSTANCE_POLICY, true);
            out.add(new PlannedChange(ChangeKind.ROLE, CREATE, null, "role " + INSTANCE_ROLE, "create "
                    + (facts.lacksRole(INSTANCE_ROLE) ? "role and " : "") + "instance profile " + INSTANCE_ROLE
                    + " (the container instance role; the instances this deploy launches use it)", details, request, null));
        }
        for (Map.Entry<String, Boolean> group : facts.logGroups().entrySet()) {
            if (Boolean.FALSE.equals(group.getValue())) {
                out.add(new PlannedChange(ChangeKind.LOG_GROUP, CREATE, null, "log group " + group.getKey(),
                        "create log group " + group.getKey() + " (awslogs containers write to it and it does not exist;"
                                + " set awslogs-create-group to true to have the agent create it instead)", List.of(),
                        JsonObject.builder().put("logGroupName", group.getKey()).build(), null));
            }
        }
        return out;
    }

    /** {@code task definition web names it}, {@code task definitions api, job need it}, or both. */
    private static String naming(List<String> families, Set<String> filled) {
        List<String> named = families.stream().filter(f -> !filled.contains(f)).toList();
        List<String> needing = families.stream().filter(filled::contains).toList();
        List<String> parts = new ArrayList<>();
        if (!named.isEmpty()) {
            parts.add(families(named) + (named.size() == 1 ? " names it" : " name it"));
        }
        if (!needing.isEmpty()) {
            parts.add(families(needing) + (needing.size() == 1 ? " needs it" : " need it"));
        }
        return String.join(", ", parts);
    }

    private static String families(List<String> families) {
        return (families.size() == 1 ? "task definition " : "task definitions ") + String.join(", ", families);
    }

    private static JsonObject role(String name, String service, String policy, boolean instanceProfile) {
        return JsonObject.builder().put("roleName", name).put("trustedService", service).put("policyArn", policy)
                .put("instanceProfile", JsonBool.of(instanceProfile)).build();
    }

    /**
     * The permissions of the managed policy, as AWS publishes them, for an IAM that lacks AWS's managed policies
     * (an emulator such as moto without {@code MOTO_IAM_LOAD_MANAGED_POLICIES}): put inline instead, and said so.
     */
    public static String managedPolicyDocument(String policyArn) {
        String actions = policyArn.equals(EXECUTION_POLICY)
                ? "\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                + "\"ecr:BatchGetImage\",\"logs:CreateLogStream\",\"logs:PutLogEvents\""
                : "\"ec2:DescribeTags\",\"ecs:CreateCluster\",\"ecs:DeregisterContainerInstance\","
                + "\"ecs:DiscoverPollEndpoint\",\"ecs:Poll\",\"ecs:RegisterContainerInstance\","
                + "\"ecs:StartTelemetrySession\",\"ecs:UpdateContainerInstancesState\",\"ecs:Submit*\","
                + "\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                + "\"ecr:BatchGetImage\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions
                + "],\"Resource\":\"*\"}]}";
    }

    /** The trust policy that lets the service assume the role, as the console writes it. */
    public static String trustPolicy(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
