package io.stowage.format.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stowage.format.YamlText;
import io.stowage.format.ConversionReport;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.HostPort;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.design.Service;
import io.stowage.model.design.TaskRequirements;
import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.SecretValues;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A design as a CloudFormation template that creates it in an account: each cluster, its EC2 capacity (Auto
 * Scaling groups on the ECS-optimised AMI), the task definitions, the services, the IAM roles the task
 * definitions refer to, the CloudWatch log groups their awslogs configuration names, and security groups for the
 * published ports. What differs per account is a parameter: the VPC, its subnets, the AMIs, and every template
 * placeholder of the design. Standalone tasks, which no CloudFormation resource runs, are in the report.
 */
public final class CloudFormationExport {
    /**
     * @param json   the template as JSON
     * @param yaml   the template as YAML
     * @param report what the template cannot express, or replaced, with design-file paths
     */
    public record Result(String json, String yaml, ConversionReport report) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String TASK_SECURITY_GROUP = "TaskSecurityGroup";
    /** Marks, inside the converted task definition, a value that is the Ref of a NoEcho parameter. */
    private static final String SECRET_MARK = "\u0000stowage-noecho:";

    private final Design design;
    private final Template template = new Template();
    private final ConversionReport report = new ConversionReport();
    private final Parameters parameters = new Parameters(template);
    private final Substitutions substitutions = new Substitutions(template);
    private final Roles roles = new Roles(template, report);
    private final Map<String, String> taskDefinitionIds = new LinkedHashMap<>();
    private final Map<String, String> logGroups = new LinkedHashMap<>();
    private final Set<HostPort> instancePorts = new LinkedHashSet<>();
    private final Set<HostPort> taskPorts = new LinkedHashSet<>();
    private boolean needsTaskSecurityGroup;

    private CloudFormationExport(Design design) {
        this.design = design;
    }

    public static Result export(Design design) {
        CloudFormationExport export = new CloudFormationExport(design);
        Map<String, Object> tree = export.build();
        try {
            return new Result(JSON.writeValueAsString(tree) + "\n", YamlText.write(tree), export.report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> build() {
        List<TaskDefinition> all = design.taskDefinitionList();
        for (int i = 0; i < all.size(); i++) {
            taskDefinition(all.get(i), "taskDefinitions[" + i + "]");
        }
        CapacityResources capacity = new CapacityResources(template, parameters, report);
        for (int c = 0; c < design.clusters().size(); c++) {
            cluster(design.clusters().get(c), "clusters[" + c + "]", capacity);
        }
        securityGroups();
        roles.finish();
        return template.toMap("ECS clusters, capacity, task definitions and services of the Stowage design \""
                + design.name() + "\"");
    }

    private void taskDefinition(TaskDefinition td, String path) {
        String id = template.uniqueId(td.family(), "TaskDefinition");
        taskDefinitionIds.put(td.family(), id);
        // The roles are the stack's own: their references are not converted (which would make placeholders
        // parameters) but replaced.
        Map<String, Object> converted = new CfnProperties(this::string, report).structure(
                withoutLiteralSecrets(td, path).json().without("executionRoleArn").without("taskRoleArn"),
                EcsSchema.TASK_DEFINITION, path);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Family", converted.remove("Family"));
        String execution = null;
        if (td.taskRoleArn() != null) {
            properties.put("TaskRoleArn", Template.getAtt(roles.role(td.taskRoleArn(), false, path + ".taskRoleArn"), "Arn"));
        }
        if (td.executionRoleArn() != null) {
            execution = roles.role(td.executionRoleArn(), true, path + ".executionRoleArn");
            properties.put("ExecutionRoleArn", Template.getAtt(execution, "Arn"));
        }
        properties.putAll(converted);
        List<Object> dependsOn = new ArrayList<>();
        for (Json item : items(td.json().get("containerDefinitions"))) {
            if (!(item instanceof JsonObject container)) {
                continue;
            }
            secrets(container, execution);
            String group = logGroup(container);
            if (group != null) {
                dependsOn.add(group);
            }
        }
        Map<String, Object> resource = template.resource(id, "AWS::ECS::TaskDefinition", properties);
        if (!dependsOn.isEmpty()) {
            resource.put("DependsOn", dependsOn.stream().distinct().toList());
        }
    }

    private void secrets(JsonObject container, String executionRole) {
        List<String> references = new ArrayList<>();
        for (Json secret : items(container.get("secrets"))) {
            if (secret instanceof JsonObject object) {
                references.add(text(object.get("valueFrom")));
            }
        }
        if (container.get("repositoryCredentials") instanceof JsonObject credentials) {
            references.add(text(credentials.get("credentialsParameter")));
        }
        if (executionRole == null) {
            return;
        }
        for (String reference : references) {
            if (reference == null) {
                continue;
            }
            Object value = string(reference);
            if (value instanceof String arn && arn.startsWith("arn:")) {
                String[] parts = arn.split(":");
                // A Secrets Manager reference may name a JSON key after the secret's ARN: permission is on the secret.
                value = parts.length > 7 && "secretsmanager".equals(parts[2]) ? String.join(":", List.of(parts).subList(0, 7)) : arn;
            } else if (value instanceof String name) {
                value = Template.sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/"
                        + name.replaceFirst("^/", ""));
            }
            roles.readsSecret(executionRole, value);
        }
    }

    /** An awslogs group the stack makes, unless the container asks the agent to make it. */
    private String logGroup(JsonObject container) {
        if (!(container.get("logConfiguration") instanceof JsonObject log) || !"awslogs".equals(text(log.get("logDriver")))
                || !(log.get("options") instanceof JsonObject options)) {
            return null;
        }
        String group = text(options.get("awslogs-group"));
        if (group == null || "true".equals(text(options.get("awslogs-create-group"))) || !(string(group) instanceof String)) {
            return null;
        }
        return logGroups.computeIfAbsent(group, g -> {
            String id = template.uniqueId(g, "LogGroup");
            template.resource(id, "AWS::Logs::LogGroup", Map.of("LogGroupName", g));
            return id;
        });
    }

    private void cluster(Cluster cluster, String path, CapacityResources capacity) {
        String clusterId = template.uniqueId(cluster.id(), "Cluster");
        template.resource(clusterId, "AWS::ECS::Cluster", Map.of("ClusterName", cluster.name()));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("Description", "The ECS cluster " + cluster.name());
        output.put("Value", Template.ref(clusterId));
        template.outputs.put(template.uniqueId(cluster.id(), "ClusterName"), output);
        if (!cluster.instances().isEmpty()) {
            parameters.vpc();
            parameters.subnets();
        }
        List<String> groups = capacity.add(cluster, clusterId, path);
        for (int s = 0; s < cluster.services().size(); s++) {
            service(cluster.services().get(s), clusterId, groups, path + ".services[" + s + "]");
        }
        for (int t = 0; t < cluster.tasks().size(); t++) {
            report.add(ConversionReport.Kind.NOT_MAPPED, path + ".tasks[" + t + "]", "CloudFormation has no resource "
                    + "that runs a task once; after the stack is created, run " + cluster.tasks().get(t).id()
                    + " with aws ecs run-task");
        }
    }

    private void service(Service service, String clusterId, List<String> groups, String path) {
        String family = service.taskDefinitionFamily();
        String taskDefinition = family == null ? null : taskDefinitionIds.get(family);
        if (taskDefinition == null) {
            report.add(ConversionReport.Kind.NOT_MAPPED, path, "its task definition " + family + " is not in the design");
            return;
        }
        if (service.taskDefinition().revision() != null) {
            report.add(ConversionReport.Kind.APPROXIMATED, path + ".service.taskDefinition", "the service runs the "
                    + "revision the stack registers, not revision " + service.taskDefinition().revision());
        }
        Map<String, Object> properties = new CfnProperties(this::string, report)
                .structure(service.spec().json(), EcsSchema.SERVICE, path + ".service");
        properties.put("Cluster", Template.ref(clusterId));
        properties.put("TaskDefinition", Template.ref(taskDefinition));
        TaskDefinition td = design.taskDefinition(family).orElseThrow();
        if ("awsvpc".equals(td.networkMode())) {
            network(properties, path);
        } else {
            properties.remove("NetworkConfiguration");
        }
        TaskRequirements requirements = TaskRequirements.of(td);
        (LaunchTypes.EC2.equals(service.launchType()) && !"awsvpc".equals(td.networkMode()) ? instancePorts : taskPorts)
                .addAll("awsvpc".equals(td.networkMode()) ? containerPorts(td) : requirements.hostPorts());
        if (properties.containsKey("LoadBalancers")) {
            report.add(ConversionReport.Kind.ASSUMED, path + ".service.loadBalancers", "the target groups and load "
                    + "balancers named here must exist in the account");
        }
        Map<String, Object> resource = template.resource(template.uniqueId(service.id(), "Service"), "AWS::ECS::Service",
                properties);
        if (LaunchTypes.EC2.equals(service.launchType()) && !groups.isEmpty()) {
            resource.put("DependsOn", groups);
        }
    }

    /** awsvpc services run in the stack's subnets, behind the task security group. */
    @SuppressWarnings("unchecked")
    private void network(Map<String, Object> properties, String path) {
        Map<String, Object> network = (Map<String, Object>) properties.computeIfAbsent("NetworkConfiguration",
                k -> new LinkedHashMap<>());
        Map<String, Object> awsvpc = (Map<String, Object>) network.computeIfAbsent("AwsvpcConfiguration",
                k -> new LinkedHashMap<>());
        if (awsvpc.containsKey("Subnets") || awsvpc.containsKey("SecurityGroups")) {
            report.add(ConversionReport.Kind.APPROXIMATED, path + ".service.networkConfiguration", "the subnets and "
                    + "security groups of the design are replaced by the Subnets parameter and the stack's "
                    + TASK_SECURITY_GROUP);
        }
        awsvpc.put("Subnets", Template.ref(parameters.subnets()));
        awsvpc.put("SecurityGroups", List.of(Template.ref(TASK_SECURITY_GROUP)));
        parameters.vpc();
        needsTaskSecurityGroup = true;
    }

    private void securityGroups() {
        if (design.clusters().stream().anyMatch(c -> !c.instances().isEmpty())) {
            securityGroup(CapacityResources.INSTANCE_SECURITY_GROUP, "ECS container instances of " + design.name(),
                    instancePorts);
        }
        if (needsTaskSecurityGroup) {
            securityGroup(TASK_SECURITY_GROUP, "awsvpc tasks of " + design.name(), taskPorts);
        }
    }

    private void securityGroup(String id, String description, Set<HostPort> ports) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("GroupDescription", description);
        properties.put("VpcId", Template.ref(parameters.vpc()));
        List<Object> ingress = new ArrayList<>();
        for (HostPort port : ports) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("IpProtocol", port.protocol());
            rule.put("FromPort", port.port());
            rule.put("ToPort", port.port());
            rule.put("CidrIp", Template.ref(parameters.allowedCidr()));
            ingress.add(rule);
        }
        if (!ingress.isEmpty()) {
            properties.put("SecurityGroupIngress", ingress);
        }
        template.resource(id, "AWS::EC2::SecurityGroup", properties);
    }

    private static Set<HostPort> containerPorts(TaskDefinition td) {
        Set<HostPort> out = new LinkedHashSet<>();
        for (var container : td.containerDefinitions()) {
            for (var mapping : container.portMappings()) {
                if (mapping.containerPort() != null) {
                    out.add(new HostPort(mapping.protocol() == null ? "tcp" : mapping.protocol().toLowerCase(),
                            mapping.containerPort()));
                }
            }
        }
        return out;
    }

    private Object string(Object text) {
        String value = (String) text;
        if (value.startsWith(SECRET_MARK)) {
            return Template.ref(value.substring(SECRET_MARK.length()));
        }
        return substitutions.value(value);
    }

    /**
     * The task definition with each plain environment value that is a secret ({@link SecretValues}: named like
     * one, or an access key or private key) replaced by a NoEcho parameter of the stack, so that the template holds
     * no secret: its value is given when the stack is created, and CloudFormation shows it as asterisks.
     */
    private TaskDefinition withoutLiteralSecrets(TaskDefinition td, String path) {
        JsonArray containers = td.json().get("containerDefinitions") instanceof JsonArray a ? a : JsonArray.EMPTY;
        List<Json> changedContainers = new ArrayList<>();
        boolean changed = false;
        for (int c = 0; c < containers.size(); c++) {
            Json item = containers.get(c);
            if (!(item instanceof JsonObject container) || !(container.get("environment") instanceof JsonArray env)) {
                changedContainers.add(item);
                continue;
            }
            List<Json> variables = new ArrayList<>();
            for (int v = 0; v < env.size(); v++) {
                Json entry = env.get(v);
                if (entry instanceof JsonObject variable && variable.get("name") instanceof JsonString name
                        && variable.get("value") instanceof JsonString value
                        && SecretValues.literalSecretReason(name.value(), value.value()) != null) {
                    String containerName = text(container.get("name"));
                    String parameter = template.uniqueId(name.value());
                    Map<String, Object> declared = new LinkedHashMap<>();
                    declared.put("Type", "String");
                    declared.put("NoEcho", true);
                    declared.put("Description", "The value of " + name.value() + " for container " + containerName
                            + " of task definition " + td.family() + " (a secret: the design held it in plain"
                            + " environment; give it when creating the stack)");
                    template.parameters.put(parameter, declared);
                    report.add(ConversionReport.Kind.APPROXIMATED, path + ".containerDefinitions[" + c
                            + "].environment[" + v + "].value", name.value() + " " + SecretValues.literalSecretReason(
                            name.value(), value.value()) + ": the template holds the NoEcho parameter " + parameter
                            + " instead of its value (better: make it a secret with valueFrom)");
                    variables.add(variable.with("value", new JsonString(SECRET_MARK + parameter)));
                    changed = true;
                } else {
                    variables.add(entry);
                }
            }
            changedContainers.add(container.with("environment", JsonArray.of(variables)));
        }
        return changed ? new TaskDefinition(td.json().with("containerDefinitions", JsonArray.of(changedContainers)))
                : td;
    }

    private static List<Json> items(Json value) {
        return value instanceof JsonArray array ? array.items() : List.of();
    }

    private static String text(Json value) {
        return value instanceof JsonString s ? s.value() : null;
    }
}
