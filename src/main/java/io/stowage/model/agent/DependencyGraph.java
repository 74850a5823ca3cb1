package io.stowage.model.agent;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerDependency;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.VolumeFrom;
import io.stowage.model.runtime.HealthStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container ordering of one task as the ECS agent resolves it (ecs-semantics §3.4, agent
 * {@code dependencygraph/graph.go}): explicit {@code dependsOn} conditions plus the agent's implicit ones,
 * {@code links} as START and {@code volumesFrom} as CREATE. It decides whether a container may move to CREATED
 * or to its steady state now, must wait, or never can (then the agent stops it with exit code 143); and whether
 * a container may stop yet (shutdown runs in reverse dependency order).
 */
public final class DependencyGraph {

    public enum Condition { CREATE, START, COMPLETE, SUCCESS, HEALTHY }

    /** @param implicit whether the agent added it for a link or volumesFrom */
    public record Dependency(String container, Condition condition, boolean implicit) {
    }

    /**
     * What the graph needs to know of one container now.
     *
     * @param known          its status as the agent knows it
     * @param steady         its steady state (RUNNING, or RESOURCES_PROVISIONED for the pause container)
     * @param desiredStopped whether it is meant to stop (then it will not start if it has not)
     * @param exitCode       its exit code once stopped, or null
     * @param health         its health, or null without a health check
     * @param startedAt      when it started, or null
     * @param startTimeout   its definition's {@code startTimeout} in seconds, or null
     */
    public record View(AgentStatus known, AgentStatus steady, boolean desiredStopped, Integer exitCode,
                       HealthStatus health, Instant startedAt, Integer startTimeout) {
        public boolean isSteady() {
            return known == steady;
        }
    }

    /** The verdict on one transition. */
    public sealed interface Verdict {
        /** Everything it waits for holds. */
        record Go() implements Verdict {
        }

        /** It must wait for the named container. */
        record Wait(String container) implements Verdict {
        }

        /** It never can: the agent stops the container with exit code 143 and this reason. */
        record Never(String reason) implements Verdict {
        }
    }

    private static final Verdict GO = new Verdict.Go();

    private final List<String> containers;
    private final Map<String, List<Dependency>> dependencies;

    private DependencyGraph(List<String> containers, Map<String, List<Dependency>> dependencies) {
        this.containers = List.copyOf(containers);
        this.dependencies = dependencies;
    }

    public static DependencyGraph of(TaskDefinition td) {
        List<String> names = new ArrayList<>();
        Map<String, List<Dependency>> deps = new LinkedHashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            if (c.name() == null) {
                continue;
            }
            names.add(c.name());
            List<Dependency> list = new ArrayList<>();
            for (ContainerDependency d : c.dependsOn()) {
                Condition condition = condition(d.condition());
                if (d.containerName() != null && condition != null) {
                    list.add(new Dependency(d.containerName(), condition, false));
                }
            }
            for (String link : c.links()) {
                String target = link.split(":", -1)[0];
                list.add(new Dependency(target, Condition.START, true));
            }
            for (VolumeFrom from : c.volumesFrom()) {
                if (from.sourceContainer() != null) {
                    list.add(new Dependency(from.sourceContainer(), Condition.CREATE, true));
                }
            }
            deps.put(c.name(), Collections.unmodifiableList(list));
        }
        return new DependencyGraph(names, Collections.unmodifiableMap(deps));
    }

    private static Condition condition(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Condition.valueOf(text);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The containers in the task definition's order. */
    public List<String> containers() {
        return containers;
    }

    public List<Dependency> dependenciesOf(String container) {
        return dependencies.getOrDefault(container, List.of());
    }

    /** The containers that depend on this one, explicitly or implicitly. */
    public List<String> dependentsOf(String container) {
        List<String> out = new ArrayList<>();
        dependencies.forEach((dependent, list) -> {
            if (list.stream().anyMatch(d -> d.container().equals(container))) {
                out.add(dependent);
            }
        });
        return out;
    }

    /**
     * Whether {@code target} may move to {@code next} (CREATED, or its steady state) now.
     *
     * @param views what is known of every container of the task, by name
     */
    public Verdict check(String target, AgentStatus next, Map<String, View> views, Instant now) {
        View self = views.get(target);
        for (Dependency dependency : dependenciesOf(target)) {
            View dep = views.get(dependency.container());
            if (dep == null) {
                return dependency.implicit()
                        ? new Verdict.Never("dependency graph: could not find container for "
                        + (dependency.condition() == Condition.CREATE ? "volume source container " : "link ")
                        + dependency.container() + " of container " + target)
                        : never(dependency, target, "does not exist.");
            }
            Condition condition = dependency.condition();
            boolean targetNotCreated = self == null || !self.known().atLeast(AgentStatus.CREATED);
            if (targetNotCreated && dep.known() != AgentStatus.STOPPED && timedOut(condition, dep, now)) {
                return never(dependency, target, "has timed out.");
            }
            if (condition == Condition.SUCCESS && dep.exitCode() != null && dep.exitCode() != 0) {
                return never(dependency, target, "as dependency did not exit successfully.");
            }
            if (dep.startedAt() == null && (dep.known() == AgentStatus.STOPPED || dep.desiredStopped())
                    && condition != Condition.CREATE) {
                return never(dependency, target, "as dependency will never start.");
            }
            if (condition == Condition.HEALTHY && dep.known() == AgentStatus.STOPPED) {
                return never(dependency, target, "as dependency stopped before it was healthy.");
            }
            if (!resolved(condition, next, dep)) {
                return new Verdict.Wait(dependency.container());
            }
        }
        return GO;
    }

    private static Verdict never(Dependency dependency, String target, String what) {
        String prefix = what.startsWith("as ") ? "failed to resolve container ordering dependency [" : "container ordering dependency [";
        return new Verdict.Never("dependency graph: " + prefix + dependency.container() + "] for target [" + target
                + "] " + what);
    }

    private static boolean resolved(Condition condition, AgentStatus next, View dep) {
        return switch (condition) {
            case CREATE -> dep.known().atLeast(AgentStatus.CREATED);
            case START -> dep.known() == AgentStatus.STOPPED
                    || (next == AgentStatus.CREATED && (dep.known() == AgentStatus.CREATED || dep.isSteady()))
                    || (next != AgentStatus.CREATED && dep.isSteady());
            case SUCCESS -> dep.known() == AgentStatus.STOPPED && dep.exitCode() != null && dep.exitCode() == 0;
            case COMPLETE -> dep.known() == AgentStatus.STOPPED;
            case HEALTHY -> dep.health() == HealthStatus.HEALTHY;
        };
    }

    private static boolean timedOut(Condition condition, View dep, Instant now) {
        return deadline(condition, dep).map(now::isAfter).orElse(false);
    }

    /** When a wait on this dependency times out: its startTimeout from its start, for SUCCESS, COMPLETE, HEALTHY. */
    private static Optional<Instant> deadline(Condition condition, View dep) {
        if (condition == Condition.START || condition == Condition.CREATE || dep.startTimeout() == null
                || dep.startTimeout() <= 0 || dep.startedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(dep.startedAt().plus(Duration.ofSeconds(dep.startTimeout())));
    }

    /** The earliest moment a wait of {@code target} could time out, so the runner can look again then. */
    public Optional<Instant> nextDeadline(String target, Map<String, View> views) {
        Instant earliest = null;
        for (Dependency dependency : dependenciesOf(target)) {
            View dep = views.get(dependency.container());
            if (dep == null || dep.known() == AgentStatus.STOPPED) {
                continue;
            }
            Optional<Instant> d = deadline(dependency.condition(), dep);
            if (d.isPresent() && (earliest == null || d.get().isBefore(earliest))) {
                earliest = d.get();
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * Whether {@code target} may be stopped now: every container that depends on it is stopped, or was never
     * created (ecs-semantics §3.4, verifyShutdownOrder).
     */
    public boolean canStop(String target, Map<String, View> views) {
        for (String dependent : dependentsOf(target)) {
            View v = views.get(dependent);
            if (v != null && v.known().atLeast(AgentStatus.CREATED) && v.known() != AgentStatus.STOPPED) {
                return false;
            }
        }
        return true;
    }
}
