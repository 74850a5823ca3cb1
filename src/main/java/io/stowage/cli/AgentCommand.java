package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.agent.supervisor.AgentClient;
import io.stowage.agent.supervisor.LocalAgent;
import io.stowage.engine.local.Counted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"The local ECS agent: the one process per user that holds the runs stowage up --detach hands "
                + "it, supervising each as a foreground up does (essential exits, restart policies, health, "
                + "services keeping their desired count) and serving the task metadata endpoint and task-role "
                + "credentials to their containers, until stowage down ends the run. It is started when needed, "
                + "listens on the loopback only, answers only requests with the token in "
                + "~/.stowage/agent/agent.json (readable by this user alone), logs to ~/.stowage/agent/agent.log, "
                + "and ends when it holds no run."},
        subcommands = {AgentCommand.Status.class, AgentCommand.Stop.class, AgentCommand.Run.class})
final class AgentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: status, stop or run");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Say whether the agent runs: its pid, version and uptime, its ECS endpoint (the ECS API "
                    + "over its runs, for aws ecs ... --endpoint-url; ecsEndpoint in --json), and each run it holds "
                    + "(design, engine, tasks running and stopped).", "A run that a killed agent held (its process "
                    + "ended without taking it down) is taken over first by an agent started for it, and said so on "
                    + "standard error.", "Exit 0 either way."})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the agent's status as JSON ({\"running\": false} when none).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // The runs a killed agent held are taken over first (an agent started for them), then reported.
            Unsupervised.adoptKept("agent status", spec.commandLine().getErr());
            var agent = AgentClient.find();
            if (agent.isEmpty()) {
                out.println(json ? "{\"running\":false}" : "no agent running");
                out.flush();
                return Cli.OK;
            }
            JsonNode status = agent.get().status();
            if (json) {
                var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) status.deepCopy()).put("running", true);
                out.println(copy.toPrettyString());
                out.flush();
                return Cli.OK;
            }
            Duration up = Duration.between(Instant.parse(status.path("startedAt").asText()), Instant.now());
            out.println("agent pid " + status.path("pid").asLong() + ", version " + status.path("version").asText()
                    + ", up " + uptime(up) + ", holding " + Counted.of(status.path("runs").size(), "run")
                    + "; log " + status.path("log").asText());
            if (status.hasNonNull("ecsEndpoint")) {
                out.println("ECS endpoint " + status.path("ecsEndpoint").asText()
                        + " (aws ecs ... --endpoint-url " + status.path("ecsEndpoint").asText() + ")");
            }
            for (JsonNode run : status.path("runs")) {
                out.println("  " + run.path("design").asText() + " (" + run.path("file").asText() + ") on "
                        + run.path("engine").asText() + ": " + run.path("running").asLong() + " running, "
                        + run.path("stopped").asLong() + " stopped"
                        + (run.path("other").asLong() > 0 ? ", " + run.path("other").asLong() + " starting" : ""));
            }
            out.flush();
            return Cli.OK;
        }

        static String uptime(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? s / 3600 + "h " + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"End the agent and every run it holds: as stowage down does for each of their designs "
                    + "(tasks stopped in reverse dependency order with their stop timeouts, then containers, "
                    + "task-scoped volumes and networks removed).", "Exit 0 (also when no agent runs)."})
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // The runs a killed agent held are taken over first (an agent started for them), then reported.
            Unsupervised.adoptKept("agent status", spec.commandLine().getErr());
            var agent = AgentClient.find();
            if (agent.isEmpty()) {
                out.println("no agent running");
            } else {
                JsonNode said = agent.get().stop();
                out.println("stopped the agent (pid " + agent.get().pid() + ") and its "
                        + Counted.of(said.path("runs").asInt(), "run") + ": removed "
                        + Counted.of(said.path("containers").asInt(), "container"));
            }
            out.flush();
            return Cli.OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the agent in this process (what stowage up --detach starts, detached, when no agent "
                    + "answers); it prints to standard output what it does. Ends at once when another agent of this "
                    + "user runs.", "Exit 0."})
    static final class Run implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return LocalAgent.run(StowageVersion.version(), System.out);
        }
    }
}
