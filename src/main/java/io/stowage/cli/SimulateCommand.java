package io.stowage.cli;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.runtime.DescribeTasksJson;
import io.stowage.format.sim.ScenarioFormat;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.sim.ClusterSimulation;
import io.stowage.model.sim.Scenario;
import io.stowage.model.sim.SimDurations;
import io.stowage.model.sim.SimulationEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Play a design over time as ECS would run it, on a virtual clock: no Docker, no AWS.",
                "Placement, the agent's task lifecycle, the service scheduler (replacement, start backoff), rolling "
                        + "deployments within minimumHealthyPercent/maximumPercent, the deployment circuit breaker "
                        + "and its rollback, DAEMON services, DRAINING and terminated instances, scaling. What "
                        + "happens is set by a scenario file (--scenario) and the quick actions below, which run "
                        + "at --at; the same design, scenario and seed always give the same timeline.",
                "Text: one line per event with its virtual time (services in ECS's own words), then the state at "
                        + "the end: each service's counts and deployments, each task.",
                "JSON (--json): {\"events\":[{at (ISO-8601 duration), cluster, source, message}], \"services\":"
                        + "[DescribeServices' service, deployments with rolloutState], \"tasks\":[DescribeTasks' "
                        + "task, taskDefinitionArn ending in its revision], \"containerInstances\":[...]}.",
                "Exit 0 when every service ends steady with no failed deployment, 1 when a service is not steady "
                        + "at the end (a stalled or failed deployment, tasks that cannot be placed), 5 when every "
                        + "service ends steady but a deployment failed and was rolled back, 2 when a file or "
                        + "option cannot be used."})
final class SimulateCommand implements Callable<Integer> {
    static final int ROLLED_BACK = 5;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path design;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A scenario: what containers do and the actions taken when (see docs/cli.md).")
    Path scenario;

    @Option(names = "--deploy-revision", paramLabel = "[SERVICE=]FILE",
            description = "Deploy this RegisterTaskDefinition file as the next revision of the service that runs its "
                    + "family (or of SERVICE).")
    List<String> deployRevisions = new ArrayList<>();

    @Option(names = "--drain", paramLabel = "INSTANCE", description = "Set this container instance to DRAINING.")
    List<String> drains = new ArrayList<>();

    @Option(names = {"--kill", "--terminate"}, paramLabel = "INSTANCE",
            description = "Terminate this container instance: its agent disconnects, its tasks are lost.")
    List<String> kills = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "SERVICE=N", description = "Set the service's desired count to N.")
    List<String> scales = new ArrayList<>();

    @Option(names = "--at", paramLabel = "DURATION", defaultValue = "1m",
            description = "When the quick actions above happen (default ${DEFAULT-VALUE}).")
    String at;

    @Option(names = "--until", paramLabel = "DURATION", defaultValue = "10m",
            description = "How much virtual time to play (default ${DEFAULT-VALUE}); e.g. 90s, 10m, 1h.")
    String until;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed for random placement and ids (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the timeline and the final state as one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Design d;
        Scenario sc;
        Duration end;
        try {
            d = DesignFormat.read(design).design();
            sc = scenario == null ? Scenario.EMPTY : ScenarioFormat.read(scenario);
            List<String> problems = sc.problems(d);
            if (!problems.isEmpty()) {
                for (String p : problems) {
                    err.println(scenario + ": error: " + p);
                }
                err.flush();
                return Cli.UNUSABLE_INPUT;
            }
            end = option("--until", until);
            Duration when = option("--at", at);
            sc = withQuickActions(d, sc, when);
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        } catch (BadOption e) {
            err.println("stowage simulate: error: " + e.getMessage());
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        ClusterSimulation sim = sc.start(d, seed);
        sim.runUntil(end);
        if (json) {
            out.print(JsonText.pretty(toJson(sim)));
            out.println();
        } else {
            printText(sim, out);
        }
        out.flush();
        if (!sim.allSteady()) {
            return Cli.FINDINGS;
        }
        return sim.failedDeployments() > 0 ? ROLLED_BACK : Cli.OK;
    }

    private static final class BadOption extends Exception {
        BadOption(String message) {
            super(message);
        }
    }

    private static Duration option(String name, String value) throws BadOption {
        try {
            return SimDurations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadOption(name + ": " + e.getMessage());
        }
    }

    private Scenario withQuickActions(Design d, Scenario sc, Duration when) throws UnreadableFileException, BadOption {
        for (String spec : deployRevisions) {
            int eq = spec.indexOf('=');
            String serviceId = eq > 0 ? spec.substring(0, eq) : null;
            Path file = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
            TaskDefinition td = TaskDefinitionFormat.read(file).taskDefinition();
            List<Service> runs = services(d).stream().filter(s -> serviceId == null ? td.family() != null
                    && td.family().equals(s.taskDefinitionFamily()) : s.id().equals(serviceId)).toList();
            if (runs.isEmpty()) {
                throw new BadOption("--deploy-revision " + spec + ": " + (serviceId != null
                        ? "no service " + serviceId + " in the design (" + ids(d) + ")"
                        : "no service of the design runs family " + td.family() + " (" + ids(d) + ")"));
            }
            for (Service s : runs) {
                if (td.family() != null && s.taskDefinitionFamily() != null
                        && !td.family().equals(s.taskDefinitionFamily())) {
                    throw new BadOption("--deploy-revision " + spec + ": " + file + " is family " + td.family()
                            + ", service " + s.id() + " runs " + s.taskDefinitionFamily());
                }
                sc = sc.plus(new Scenario.Action.Deploy(when, s.id(), td, Map.of()));
            }
        }
        for (String spec : scales) {
            int eq = spec.indexOf('=');
            Integer n = null;
            try {
                n = eq > 0 ? Integer.valueOf(spec.substring(eq + 1).trim()) : null;
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            if (n == null || n < 0) {
                throw new BadOption("--scale " + spec + ": expected SERVICE=N with N a whole number of 0 or more");
            }
            sc = sc.plus(new Scenario.Action.Scale(when, spec.substring(0, eq), n));
        }
        for (String instance : drains) {
            sc = sc.plus(new Scenario.Action.Drain(when, instance));
        }
        for (String instance : kills) {
            sc = sc.plus(new Scenario.Action.Terminate(when, instance));
        }
        List<String> problems = sc.problems(d);
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            throw new BadOption(first.substring(first.indexOf(": ") + 2));
        }
        return sc;
    }

    private static List<Service> services(Design d) {
        return d.clusters().stream().flatMap(c -> c.services().stream()).toList();
    }

    private static String ids(Design d) {
        List<String> ids = services(d).stream().map(Service::id).toList();
        return ids.isEmpty() ? "it has none" : "services: " + String.join(", ", ids);
    }

    // ------------------------------------------------------------------ output

    private static void printText(ClusterSimulation sim, PrintWriter out) {
        boolean clusters = sim.events().stream().map(SimulationEvent::cluster).distinct().count() > 1;
        for (SimulationEvent e : sim.events()) {
            out.println(String.format("%8s  %s%s: %s", SimulationEvent.format(e.at()),
                    clusters && e.cluster() != null ? e.cluster() + " " : "", e.source(), e.message()));
        }
        out.println();
        out.println("At " + SimulationEvent.format(sim.elapsed()) + ":");
        List<String> unsteady = new ArrayList<>();
        for (String id : sim.serviceIds()) {
            ServiceState s = sim.serviceState(id);
            if (!sim.steady(id)) {
                unsteady.add(s.serviceName());
            }
            out.println("  service " + s.serviceName() + ": " + s.runningCount() + " running, " + s.pendingCount()
                    + " pending, desired " + s.desiredCount() + (sim.steady(id) ? ", steady" : ", NOT steady"));
            for (ServiceDeployment dep : s.deployments()) {
                out.println("    " + dep.status() + " " + dep.id() + " " + revision(dep.taskDefinitionArn()) + " "
                        + (dep.rolloutState() == null ? "" : dep.rolloutState()) + ": " + dep.runningCount()
                        + " running" + (dep.failedTasks() > 0 ? ", " + dep.failedTasks() + " failed tasks" : "")
                        + (dep.rolloutStateReason() == null ? "" : " (" + dep.rolloutStateReason() + ")"));
            }
        }
        List<TaskState> tasks = sim.tasks().stream().filter(t -> !t.isStopped()).toList();
        out.println("  tasks not stopped: " + tasks.size() + " (of " + sim.tasks().size() + " started)");
        for (TaskState t : tasks) {
            out.println("    " + t.shortId() + " " + revision(t.taskDefinitionArn()) + " " + t.lastStatus()
                    + (t.healthStatus() == null ? "" : " " + t.healthStatus()) + " on "
                    + (t.instanceId() == null ? "FARGATE" : t.instanceId())
                    + (t.availabilityZone() == null ? "" : " (" + t.availabilityZone() + ")")
                    + (t.serviceName() == null ? "" : ", service " + t.serviceName()));
        }
        if (sim.allSteady()) {
            out.println(sim.failedDeployments() > 0 ? "Every service is steady, after "
                    + sim.failedDeployments() + " failed deployment(s) rolled back." : "Every service is steady.");
        } else {
            out.println("Not steady: " + String.join(", ", unsteady) + ".");
        }
    }

    private static String revision(String arn) {
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }

    static JsonObject toJson(ClusterSimulation sim) {
        List<JsonObject> events = new ArrayList<>();
        for (SimulationEvent e : sim.events()) {
            JsonObject.Builder b = JsonObject.builder().put("at", e.at().toString());
            if (e.cluster() != null) {
                b.put("cluster", e.cluster());
            }
            events.add(b.put("source", e.source()).put("message", e.message()).build());
        }
        return JsonObject.builder()
                .put("events", JsonArray.of(events))
                .put("services", JsonArray.map(sim.services(), DescribeTasksJson::service))
                .put("tasks", JsonArray.map(sim.tasks(), DescribeTasksJson::task))
                .put("containerInstances", JsonArray.map(sim.instances(), DescribeTasksJson::instance))
                .put("steady", sim.allSteady())
                .put("failedDeployments", sim.failedDeployments())
                .build();
    }
}
