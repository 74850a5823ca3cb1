package io.stowage.model.rules;

import io.stowage.model.ecs.TaskSize;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task definition under validation with what every rule needs to know about it: the launch types it is
 * validated for, its effective network mode, its containers with their paths, and its parsed task size.
 */
public final class RuleContext {
    public static final String EC2 = "EC2";
    public static final String FARGATE = "FARGATE";
    public static final String EXTERNAL = "EXTERNAL";
    public static final String MANAGED_INSTANCES = "MANAGED_INSTANCES";
    static final JsonPath CONTAINERS = JsonPath.ROOT.key("containerDefinitions");
    private static final Set<String> LAUNCH_TYPES = Set.of(EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES);
    private static final Set<String> NETWORK_MODES = Set.of("bridge", "host", "awsvpc", "none");

    private final TaskDefinition task;
    private final Set<String> launchTypes;
    private final List<Container> containers;
    private final Map<String, Container> byName;

    /** One container definition and where it is. */
    public record Container(int index, JsonPath path, ContainerDefinition definition) {
        public JsonObject json() {
            return definition.json();
        }

        /** The name, or null when it has none (or only a placeholder). */
        public String name() {
            String name = Values.string(json(), "name");
            return name == null || name.isEmpty() ? null : name;
        }

        /** How messages call it: its name, else its position. */
        public String label() {
            String name = name();
            return name != null ? name : "containerDefinitions[" + index + "]";
        }

        public JsonPath at(String key) {
            return path.key(key);
        }

        /** True or false when known; null when {@code essential} is a placeholder or not a boolean. */
        public Boolean essential() {
            Json value = Values.get(json(), "essential");
            if (value == null) {
                return Boolean.TRUE;
            }
            return value instanceof JsonBool b ? b.value() : null;
        }
    }

    RuleContext(TaskDefinition task, ValidationContext context) {
        this.task = task;
        this.launchTypes = Collections.unmodifiableSet(launchTypes(task, context));
        List<Container> list = new ArrayList<>();
        Map<String, Container> names = new LinkedHashMap<>();
        List<ContainerDefinition> definitions = task.containerDefinitions();
        for (int i = 0; i < definitions.size(); i++) {
            Container container = new Container(i, CONTAINERS.index(i), definitions.get(i));
            list.add(container);
            if (container.name() != null) {
                names.putIfAbsent(container.name(), container);
            }
        }
        this.containers = List.copyOf(list);
        this.byName = Collections.unmodifiableMap(names);
    }

    private static Set<String> launchTypes(TaskDefinition task, ValidationContext context) {
        Set<String> out = new LinkedHashSet<>();
        if (!context.launchTypes().isEmpty()) {
            out.addAll(context.launchTypes());
            return out;
        }
        for (Json item : Values.array(task.json(), "requiresCompatibilities").items()) {
            if (item instanceof JsonString s && LAUNCH_TYPES.contains(s.value())) {
                out.add(s.value());
            }
        }
        if (out.isEmpty()) {
            out.add(EC2);
        }
        return out;
    }

    public TaskDefinition task() {
        return task;
    }

    public JsonObject json() {
        return task.json();
    }

    public Set<String> launchTypes() {
        return launchTypes;
    }

    public boolean fargate() {
        return launchTypes.contains(FARGATE);
    }

    public boolean ec2() {
        return launchTypes.contains(EC2);
    }

    public boolean external() {
        return launchTypes.contains(EXTERNAL);
    }

    public boolean managedInstances() {
        return launchTypes.contains(MANAGED_INSTANCES);
    }

    /** Whether the task may run on container instances that ECS registers with the agent's reserved ports. */
    public boolean onContainerInstances() {
        return ec2() || external();
    }

    /**
     * The network mode the containers get: the value of {@code networkMode}, {@code bridge} when it is absent,
     * or null when it is a placeholder or not a network mode (then network rules stay silent).
     */
    public String networkMode() {
        Json value = Values.get(json(), "networkMode");
        if (value == null) {
            return "bridge";
        }
        return value instanceof JsonString s && NETWORK_MODES.contains(s.value()) ? s.value() : null;
    }

    public boolean networkModeSet() {
        return Values.isSet(json(), "networkMode");
    }

    /** Whether {@code runtimePlatform.operatingSystemFamily} names a Windows family. */
    public boolean windows() {
        String family = Values.string(Values.object(json(), "runtimePlatform"), "operatingSystemFamily");
        return family != null && family.startsWith("WINDOWS");
    }

    public List<Container> containers() {
        return containers;
    }

    /** The first container of that name, or null. */
    public Container container(String name) {
        return name == null ? null : byName.get(name);
    }

    /** Task-level cpu in CPU units, or null when absent, a placeholder or not a CPU value. */
    public Integer taskCpu() {
        return TaskSize.cpuUnits(Values.concrete(json(), "cpu"));
    }

    /** Task-level memory in MiB, or null when absent, a placeholder or not a memory value. */
    public Integer taskMemory() {
        return TaskSize.memoryMiB(Values.concrete(json(), "memory"));
    }
}
