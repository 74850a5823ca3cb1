package io.stowage.cli;

import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.HostPort;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;
import io.stowage.model.placement.InstanceUsage;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.TaskRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "place", mixinStandardHelpOptions = true,
        description = {"Place a design's tasks on its container instances as the ECS scheduler would.",
                "Resources, reserved and used host ports, required attributes, placement constraints (memberOf, "
                        + "distinctInstance) and strategies (binpack, spread, random) are applied in ECS's order; "
                        + "Fargate tasks spread over the Fargate capacity's availability zones.",
                "Text: one line per task (CLUSTER SERVICE #N -> INSTANCE (ZONE); FARGATE for Fargate tasks), then "
                        + "one line per task that could not be placed with ECS's reason and service-event message.",
                "JSON (--json): {\"placements\":[{cluster, service, task, instance, availabilityZone}], "
                        + "\"failures\":[{cluster, service, reason, closestInstance, message}], "
                        + "\"instances\":[{cluster, id, cpu:{registered, reserved}, memory:{registered, reserved}, "
                        + "ports, runningTasksCount}]}. A standalone (RunTask) task's id is given as its "
                        + "\"service\"; a Fargate task's instance is null; ports are \"PORT/PROTOCOL\" strings "
                        + "(the agent's reserved ports and the tasks' static host ports).",
                "Exit 0 when every task is placed, 1 when some could not be, 2 when the design cannot be read."})
final class PlaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the placement as one JSON document instead of lines.")
    boolean json;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed for the random strategy (default ${DEFAULT-VALUE}); the same seed gives the same placement.")
    long seed;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path design;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlacementResult result;
        try {
            result = PlacementEngine.place(DesignFormat.read(design).design(), seed);
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        if (json) {
            out.print(JsonText.pretty(toJson(result)));
        } else {
            for (Placement p : result.placements()) {
                TaskRef t = p.task();
                out.println(t.clusterId() + " " + kind(t) + " #" + t.number() + " -> "
                        + (p.fargate() ? "FARGATE" : p.instanceId())
                        + (p.availabilityZone() == null ? "" : " (" + p.availabilityZone() + ")"));
            }
            for (PlacementFailure f : result.failures()) {
                TaskRef t = f.task();
                out.println(t.clusterId() + " " + kind(t) + " #" + t.number() + " not placed: " + f.reason()
                        + (f.closestInstance() == null ? "" : " (closest " + f.closestInstance() + ")") + ": "
                        + f.message());
            }
            out.println(result.placements().size() + " placed, " + result.failures().size() + " not placed");
        }
        out.flush();
        return result.allPlaced() ? Cli.OK : Cli.FINDINGS;
    }

    private static String kind(TaskRef t) {
        return (t.kind() == TaskRef.Kind.SERVICE ? "service " : "task ") + t.source();
    }

    static JsonObject toJson(PlacementResult result) {
        List<JsonObject> placements = new ArrayList<>();
        for (Placement p : result.placements()) {
            placements.add(JsonObject.builder().put("cluster", p.task().clusterId())
                    .put("service", p.task().source()).put("task", p.task().number())
                    .put("instance", nullable(p.instanceId()))
                    .put("availabilityZone", nullable(p.availabilityZone())).build());
        }
        List<JsonObject> failures = new ArrayList<>();
        for (PlacementFailure f : result.failures()) {
            failures.add(JsonObject.builder().put("cluster", f.task().clusterId())
                    .put("service", f.task().source()).put("reason", f.reason())
                    .put("closestInstance", nullable(f.closestInstance())).put("message", f.message()).build());
        }
        List<JsonObject> instances = new ArrayList<>();
        for (InstanceUsage i : result.instances()) {
            instances.add(JsonObject.builder().put("cluster", i.clusterId()).put("id", i.instanceId())
                    .put("cpu", JsonObject.builder().put("registered", i.registeredCpu())
                            .put("reserved", i.reservedCpu()).build())
                    .put("memory", JsonObject.builder().put("registered", i.registeredMemoryMiB())
                            .put("reserved", i.reservedMemoryMiB()).build())
                    .put("ports", JsonArray.ofStrings(i.ports().stream().map(HostPort::toString).toList()))
                    .put("runningTasksCount", i.runningTasksCount()).build());
        }
        return JsonObject.builder().put("placements", JsonArray.of(placements))
                .put("failures", JsonArray.of(failures)).put("instances", JsonArray.of(instances)).build();
    }

    private static Json nullable(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }
}
