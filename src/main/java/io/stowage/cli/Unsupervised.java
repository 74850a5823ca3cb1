package io.stowage.cli;

import io.stowage.agent.supervisor.AgentClient;
import io.stowage.agent.supervisor.RunRequest;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.RunLock;
import io.stowage.engine.local.RunRecord;
import io.stowage.model.runtime.TaskState;

import java.io.PrintWriter;
import java.util.OptionalLong;

/**
 * A design's run whose keeper (the agent, a foreground up) was killed: its record names a process that has ended,
 * nothing holds its lock, and it still has tasks that are not stopped (by the record or by Docker). The commands
 * that find one ({@code ps}, {@code up}, {@code agent status}) hand it to the user's agent, started if none
 * answers, which takes it over ({@link AgentClient#adoptRun}): the ECS agent restarted by its init system.
 */
final class Unsupervised {
    private Unsupervised() {
    }

    /** The pid of the ended keeper of the design's run when nothing supervises it any more; empty otherwise. */
    static OptionalLong keeper(LocalDesign local, LocalEngine engine) {
        var record = RunRecord.read(local.key());
        if (record.isEmpty() || record.get().pid() == 0
                || ProcessHandle.of(record.get().pid()).map(ProcessHandle::isAlive).orElse(false)
                || RunLock.holder(local.key()).isPresent()) {
            return OptionalLong.empty();
        }
        boolean recordedLive = record.get().tasks().stream().anyMatch(t -> !t.isStopped());
        boolean dockerLive = recordedLive || engine.ps(local.key(), local.design()).taskList().stream()
                .anyMatch(t -> !t.isStopped());
        return dockerLive ? OptionalLong.of(record.get().pid()) : OptionalLong.empty();
    }

    /**
     * Hands the run to the agent to take over, and says so on {@code err} ({@code command}: the command's name);
     * false, with the reason said, when the agent could not take it.
     */
    static boolean adopt(String command, LocalDesign local, LocalEngine engine, long keeper, PrintWriter err) {
        var request = RunRequest.adopt(local.file(), local.key(), String.valueOf(engine.connection().host()),
                "stowage " + command + " " + local.file());
        AgentClient.Started started;
        AgentClient agent;
        try {
            try {
                agent = AgentClient.findOrStart();
                started = agent.adoptRun(request, line -> { });
            } catch (AgentClient.AgentUnreachableException endedMeanwhile) {
                agent = AgentClient.findOrStart();
                started = agent.adoptRun(request, line -> { });
            }
        } catch (AgentClient.AgentException e) {
            err.println("stowage " + command + ": warning: nothing supervises this run any more: the process that kept "
                    + "it (pid " + keeper + ") has ended, and the Stowage agent could not take it over: "
                    + e.getMessage());
            err.flush();
            return false;
        }
        if (started.error() != null) {
            err.println("stowage " + command + ": warning: the process that kept this run (pid " + keeper
                    + ") has ended, and the Stowage agent could not take it over: " + started.error());
            err.flush();
            return false;
        }
        err.println("stowage " + command + ": the process that kept this run (pid " + keeper + ") had ended; the "
                + "Stowage agent (pid " + agent.pid() + ") has taken it over: " + started.summary());
        err.flush();
        return true;
    }

    /**
     * Takes over every run an agent kept the request of ({@code ~/.stowage/agent/runs}) whose keeper has ended
     * without taking it down: what {@code agent status} does before it reports.
     */
    static void adoptKept(String command, PrintWriter err) {
        for (String key : io.stowage.agent.supervisor.AgentFiles.keptRequests()) {
            var request = io.stowage.agent.supervisor.AgentFiles.readRequest(key).orElse(null);
            var record = RunRecord.read(key).orElse(null);
            if (request == null || record == null || record.pid() == 0
                    || ProcessHandle.of(record.pid()).map(ProcessHandle::isAlive).orElse(false)
                    || RunLock.holder(key).isPresent() || record.tasks().stream().allMatch(TaskState::isStopped)) {
                continue;
            }
            try {
                LocalDesign local = LocalDesign.load(java.nio.file.Path.of(request.path("file").asText()));
                if (local.key().equals(key)) {
                    adopt(command, local, LocalDesign.engine(), record.pid(), err);
                }
            } catch (io.stowage.format.UnreadableFileException | RuntimeException e) {
                err.println("stowage " + command + ": warning: the run of " + request.path("file").asText()
                        + " is not supervised (its agent, pid " + record.pid() + ", has ended) and cannot be taken "
                        + "over: " + e.getMessage());
                err.flush();
            }
        }
    }
}
