package io.stowage.ui.inspector;

import io.stowage.model.design.ElementId;
import io.stowage.model.design.InstanceType;
import io.stowage.model.design.InstanceTypes;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.ui.inspector.TableFormField.Column;

/** The forms of each kind of element, grouped the way the ECS console groups them. */
final class Forms {
    private Forms() {
    }

    static void build(FormBuilder b, String kind) {
        switch (kind) {
            case ElementId.TASK_DEFINITION -> taskDefinition(b);
            case ElementId.CONTAINER -> container(b);
            case ElementId.SERVICE -> service(b);
            case ElementId.INSTANCE -> instance(b);
            case ElementId.CLUSTER -> b.section("Cluster").text("name", "Name");
            default -> { }
        }
    }

    private static void taskDefinition(FormBuilder b) {
        b.section("Task definition")
                .text("family", "Family")
                .choice("networkMode", "Network mode")
                .stringList("requiresCompatibilities", "Requires compatibilities");
        b.section("Task size")
                .text("cpu", "CPU (units)")
                .text("memory", "Memory (MiB)");
        b.section("Roles")
                .text("taskRoleArn", "Task role")
                .text("executionRoleArn", "Execution role");
        b.section("Advanced", false)
                .choice("pidMode", "PID mode")
                .choice("ipcMode", "IPC mode");
    }

    private static void container(FormBuilder b) {
        b.section("Container basics")
                .text("name", "Name")
                .text("image", "Image")
                .check("essential", "Essential");
        b.section("Port mappings")
                .table("portMappings", "Port mappings", Column.integer("containerPort", "Container"),
                        Column.integer("hostPort", "Host"), b.choiceColumn("portMappings", "protocol", "Protocol"));
        b.section("Environment and secrets")
                .table("environment", "Environment variables", Column.text("name", "Name"), Column.text("value", "Value"))
                .table("secrets", "Secrets", Column.text("name", "Name"), Column.text("valueFrom", "Value from"));
        b.section("Health check", false)
                .stringList("healthCheck.command", "Command")
                .integer("healthCheck.interval", "Interval (s)")
                .integer("healthCheck.timeout", "Timeout (s)")
                .integer("healthCheck.retries", "Retries")
                .integer("healthCheck.startPeriod", "Start period (s)");
        b.section("Resources")
                .integer("cpu", "CPU (units)")
                .integer("memory", "Memory (MiB)")
                .integer("memoryReservation", "Soft limit (MiB)");
        b.section("Logging", false)
                .choice("logConfiguration.logDriver", "Log driver")
                .map("logConfiguration.options", "Options");
        b.section("Storage", false)
                .table("mountPoints", "Mount points", Column.text("sourceVolume", "Source volume"),
                        Column.text("containerPath", "Container path"),
                        new Column("readOnly", "Read only", TableFormField.Kind.BOOL, List.of()));
        b.section("Linux parameters", false)
                .check("linuxParameters.initProcessEnabled", "Init process")
                .stringList("linuxParameters.capabilities.add", "Add capabilities")
                .stringList("linuxParameters.capabilities.drop", "Drop capabilities");
        b.section("Labels", false)
                .map("dockerLabels", "Docker labels");
        b.section("Advanced", false)
                .stringList("entryPoint", "Entry point")
                .stringList("command", "Command")
                .text("workingDirectory", "Working directory")
                .text("user", "User")
                .integer("stopTimeout", "Stop timeout (s)");
    }

    private static void service(FormBuilder b) {
        List<String> families = new ArrayList<>(b.context().design().taskDefinitions().keySet());
        b.section("Service")
                .text("serviceName", "Service name")
                .choice("taskDefinition", "Task definition", families)
                .integer("desiredCount", "Desired tasks")
                .choice("launchType", "Launch type")
                .choice("schedulingStrategy", "Scheduling");
    }

    private static void instance(FormBuilder b) {
        List<String> types = InstanceTypes.all().stream().map(InstanceType::name).toList();
        b.section("Container instance")
                .choice("instanceType", "Instance type", types)
                .text("availabilityZone", "Availability zone")
                .choice("osType", "OS type", List.of("linux", "windows"));
        b.section("Registered resources", false)
                .integer("registeredCpu", "CPU (units)")
                .integer("registeredMemoryMiB", "Memory (MiB)");
    }
}
