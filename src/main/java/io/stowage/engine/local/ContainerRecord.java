package io.stowage.engine.local;

import io.stowage.model.agent.AgentStatus;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.agent.DependencyGraph;
import io.stowage.model.agent.RestartTracker;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.NetworkBinding;

import java.time.Instant;
import java.util.List;

/** What the agent knows of one container of a task. Touched on the run's state thread only. */
final class ContainerRecord {
    final String name;
    final ContainerDefinition definition;
    final boolean essential;
    /** One the agent adds to the task (a pause container), not one of its definition. */
    final boolean pause;
    final AgentStatus steady;
    final RestartTracker restarts;
    AgentStatus known = AgentStatus.NONE;
    boolean desiredStopped;
    String dockerId;
    Integer exitCode;
    String reason;
    HealthStatus health;
    /** When {@link #health} last changed (the metadata endpoint's {@code statusSince}). */
    Instant healthSince;
    /** The labels it was created with. */
    java.util.Map<String, String> labels = java.util.Map.of();
    Instant createdAt;
    Instant startedAt;
    Instant finishedAt;
    /** A Docker call for it is under way. */
    boolean busy;
    boolean stopIssued;
    /** Its network bindings are being read after its start. */
    boolean inspecting;
    List<NetworkBinding> bindings = List.of();
    /**
     * Adopted exited: when Docker said it finished as the run was taken over, so that the replayed {@code die} event
     * of that same exit is not handled a second time.
     */
    Instant adoptedFinishedAt;

    ContainerRecord(ContainerDefinition definition) {
        this.name = definition.name();
        this.definition = definition;
        this.essential = definition.essential() == null || definition.essential();
        this.pause = false;
        this.steady = AgentStatus.RUNNING;
        this.restarts = RestartTracker.of(definition.restartPolicy());
        this.health = definition.healthCheck() != null ? HealthStatus.UNKNOWN : null;
    }

    private ContainerRecord(String internalName, AgentStatus steady) {
        this.name = internalName;
        this.definition = ContainerDefinition.EMPTY.withName(internalName);
        this.essential = true;
        this.pause = true;
        this.steady = steady;
        this.restarts = RestartTracker.of(null);
    }

    /** The awsvpc pause container: steady once the task's network is attached (RESOURCES_PROVISIONED). */
    static ContainerRecord pause() {
        return new ContainerRecord(ContainerNames.PAUSE, AgentStatus.RESOURCES_PROVISIONED);
    }

    /** The namespace pause container of a task with pidMode or ipcMode task: steady RUNNING. */
    static ContainerRecord namespacePause() {
        return new ContainerRecord(ContainerNames.NAMESPACE_PAUSE, AgentStatus.RUNNING);
    }

    boolean cniPause() {
        return ContainerNames.PAUSE.equals(name);
    }

    boolean isStopped() {
        return known == AgentStatus.STOPPED;
    }

    boolean isSteady() {
        return known == steady;
    }

    /** Moves forward only, as the agent's known status does. */
    void advance(AgentStatus to) {
        if (to.ordinal() > known.ordinal()) {
            known = to;
        }
    }

    void health(HealthStatus value, Instant at) {
        if (value != health) {
            health = value;
            healthSince = at;
        }
    }

    void stopped(Integer code, String why, Instant at) {
        if (known == AgentStatus.STOPPED) {
            return;
        }
        known = AgentStatus.STOPPED;
        if (exitCode == null) {
            exitCode = code;
        }
        if (reason == null) {
            reason = why;
        }
        finishedAt = startedAt == null ? null : at;
    }

    DependencyGraph.View view() {
        return new DependencyGraph.View(known, steady, desiredStopped, exitCode, health, startedAt,
                definition.startTimeout());
    }

    ContainerState state() {
        return new ContainerState(name, dockerId, definition.image(), known.reported(steady), exitCode, reason,
                health, essential, bindings, startedAt, finishedAt, restarts.enabled() ? restarts.count() : null);
    }
}
