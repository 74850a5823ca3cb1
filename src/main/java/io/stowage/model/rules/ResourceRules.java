package io.stowage.model.rules;

import io.stowage.model.ecs.TaskSize;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU and memory: task-level values parse ("1 vCPU", "2 GB") and are in range; on EC2 and external instances
 * each container without task-level memory sets memory or memoryReservation; memoryReservation stays below
 * memory; no container exceeds, and the containers together do not exceed, the task's memory and cpu; container
 * memory is not below Docker's minimum; GPU counts and ephemeral storage are valid.
 * Sources: ecs-semantics.md §5.7 (task vs container cpu/memory, 6 MiB Docker minimum, agent floor 4 MiB, a
 * container memory above the task memory fails the task) and §1.1 (cpu/memory rows); ECS API reference,
 * RegisterTaskDefinition.cpu ("between 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)") and
 * .memory, ContainerDefinition.memory / memoryReservation / cpu ("The total amount of memory reserved for all
 * containers within a task must be lower than the task memory value"), ResourceRequirement.value,
 * EphemeralStorage.sizeInGiB (21 to 200 GiB).
 */
final class ResourceRules implements Rule {
    private static final int MIN_TASK_CPU = 128;
    private static final int MAX_TASK_CPU = 196608;
    private static final int DOCKER_MINIMUM_MIB = 6;
    private static final JsonPath CPU = JsonPath.ROOT.key("cpu");
    private static final JsonPath MEMORY = JsonPath.ROOT.key("memory");

    @Override
    public void check(RuleContext task, Findings out) {
        taskSize(task, out);
        Integer taskMemory = task.taskMemory();
        Integer taskCpu = task.taskCpu();
        long reserved = 0;
        long cpuSum = 0;
        boolean reservedKnown = true;
        boolean cpuKnown = true;
        List<String> withCpu = new ArrayList<>();
        for (RuleContext.Container container : task.containers()) {
            JsonObject json = container.json();
            Long memory = Values.number(json, "memory");
            Long reservation = Values.number(json, "memoryReservation");
            containerMemory(task, container, memory, reservation, taskMemory, out);
            if (reservation != null && reservation > 0) {
                reserved += reservation;
            } else if (memory != null && memory > 0) {
                reserved += memory;
            } else if (Values.isPlaceholder(Values.get(json, "memory"))
                    || Values.isPlaceholder(Values.get(json, "memoryReservation"))) {
                reservedKnown = false;
            }
            Long cpu = Values.number(json, "cpu");
            if (cpu != null && cpu < 0) {
                out.error(container.at("cpu"), "Container cpu " + cpu + " is negative; give CPU units (1024 = one"
                        + " vCPU) or omit it.", "container-cpu");
            } else if (cpu != null && cpu > 0) {
                cpuSum += cpu;
                withCpu.add(container.label() + " " + cpu);
            } else if (Values.isPlaceholder(Values.get(json, "cpu"))) {
                cpuKnown = false;
            }
            gpu(container, out);
        }
        if (taskMemory != null && reservedKnown && reserved > taskMemory) {
            out.error(MEMORY, "The containers reserve " + reserved + " MiB in total (memoryReservation, else memory),"
                    + " more than the task memory of " + taskMemory + " MiB; raise the task memory to at least "
                    + reserved + " or lower the containers' values.", "memory-sum");
        }
        if (taskCpu != null && cpuKnown && cpuSum > taskCpu) {
            out.error(CPU, "The containers reserve " + cpuSum + " CPU units in total (" + String.join(", ", withCpu)
                    + "), more than the task cpu of " + taskCpu + "; raise the task cpu or lower the containers'"
                    + " cpu.", "cpu-sum");
        }
        ephemeralStorage(task, out);
    }

    private void taskSize(RuleContext task, Findings out) {
        String cpuText = Values.concrete(task.json(), "cpu");
        if (cpuText != null) {
            Integer cpu = TaskSize.cpuUnits(cpuText);
            if (cpu == null) {
                out.error(CPU, "Task cpu " + Values.quote(cpuText) + " is not a CPU value; give CPU units (e.g. "
                        + "\"1024\") or vCPUs (e.g. \"1 vCPU\").", "task-cpu");
            } else if (!task.fargate() && (cpu < MIN_TASK_CPU || cpu > MAX_TASK_CPU)) {
                out.error(CPU, "Task cpu " + cpu + " is out of range; ECS accepts " + MIN_TASK_CPU + " (0.125 vCPU)"
                        + " to " + MAX_TASK_CPU + " (192 vCPU) CPU units.", "task-cpu");
            }
        }
        String memoryText = Values.concrete(task.json(), "memory");
        if (memoryText != null) {
            Integer memory = TaskSize.memoryMiB(memoryText);
            if (memory == null) {
                out.error(MEMORY, "Task memory " + Values.quote(memoryText) + " is not a memory value; give MiB"
                        + " (e.g. \"2048\") or GB (e.g. \"2 GB\").", "task-memory");
            } else if (memory == 0) {
                out.error(MEMORY, "Task memory 0 is not a memory size; give MiB (e.g. \"512\") or remove it.",
                        "task-memory");
            } else if (memory < DOCKER_MINIMUM_MIB) {
                out.warning(MEMORY, "Task memory " + memory + " MiB is below Docker's minimum of 6 MiB for a"
                        + " container; values are MiB, e.g. \"512\".", "memory-minimum");
            }
        }
    }

    private void containerMemory(RuleContext task, RuleContext.Container container, Long memory, Long reservation,
                                 Integer taskMemory, Findings out) {
        JsonObject json = container.json();
        for (String key : List.of("memory", "memoryReservation")) {
            Long value = key.equals("memory") ? memory : reservation;
            if (value == null) {
                continue;
            }
            if (value < 0) {
                out.error(container.at(key), "Container " + key + " " + value + " is negative; give MiB or omit it.",
                        "container-memory");
            } else if (value > 0 && value < DOCKER_MINIMUM_MIB) {
                out.warning(container.at(key), "Container " + key + " " + value + " MiB is below Docker's minimum"
                        + " of 6 MiB (Docker 20.10 and later; 4 MiB before), so the container may fail to start;"
                        + " give at least 6 MiB.", "memory-minimum");
            }
        }
        boolean memorySet = memory != null && memory > 0 || Values.isPlaceholder(Values.get(json, "memory"));
        boolean reservationSet = reservation != null && reservation > 0
                || Values.isPlaceholder(Values.get(json, "memoryReservation"));
        boolean taskMemorySet = Values.isSet(task.json(), "memory");
        if ((task.ec2() || task.external()) && !taskMemorySet && !memorySet && !reservationSet) {
            out.error(container.path(), "Container " + container.label() + " needs memory or memoryReservation"
                    + " (MiB) because the task sets no task-level memory; on " + (task.ec2() ? "EC2" : "external")
                    + " instances one of them is required.", "memory-required");
        }
        if (memory != null && reservation != null && memory > 0 && reservation > 0) {
            if (reservation > memory) {
                out.error(container.at("memoryReservation"), "memoryReservation " + reservation + " MiB is above"
                        + " memory " + memory + " MiB; the soft limit must be lower than the hard limit.",
                        "memory-reservation");
            } else if (reservation.equals(memory)) {
                out.warning(container.at("memoryReservation"), "memoryReservation equals memory (" + memory
                        + " MiB); ECS documents that memory must be greater than memoryReservation. Omit"
                        + " memoryReservation or lower it.", "memory-reservation");
            }
        }
        if (taskMemory != null) {
            if (memory != null && memory > taskMemory) {
                out.error(container.at("memory"), "Container memory " + memory + " MiB exceeds the task memory of "
                        + taskMemory + " MiB, so the task fails to start; lower it to at most " + taskMemory + ".",
                        "container-memory-task");
            } else if (reservation != null && reservation > taskMemory) {
                out.error(container.at("memoryReservation"), "Container memoryReservation " + reservation
                        + " MiB exceeds the task memory of " + taskMemory + " MiB; lower it to at most " + taskMemory
                        + ".", "container-memory-task");
            }
        }
    }

    private void gpu(RuleContext.Container container, Findings out) {
        List<Json> items = Values.array(container.json(), "resourceRequirements").items();
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject requirement) || !"GPU".equals(Values.string(requirement, "type"))) {
                continue;
            }
            String value = Values.concrete(requirement, "value");
            if (value != null && !value.matches("[1-9][0-9]*")) {
                out.error(container.at("resourceRequirements").index(j).key("value"), "The GPU value "
                        + Values.quote(value) + " must be a whole number of GPUs, e.g. \"1\".", "resource-requirements");
            }
        }
    }

    private void ephemeralStorage(RuleContext task, Findings out) {
        Long size = Values.number(Values.object(task.json(), "ephemeralStorage"), "sizeInGiB");
        if (size != null && (size < 21 || size > 200)) {
            out.error(JsonPath.ROOT.key("ephemeralStorage").key("sizeInGiB"), "ephemeralStorage.sizeInGiB " + size
                    + " is out of range; ECS accepts 21 to 200 GiB.", "ephemeral-storage");
        }
    }
}
