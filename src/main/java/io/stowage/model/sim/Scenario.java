package io.stowage.model.sim;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What happens to a design in a simulation, and when: what its containers do ({@link ContainerBehaviour}, per
 * service or standalone task id and container name) and the actions taken at given virtual times.
 *
 * @param behaviours per service (or standalone task) id, per container name
 * @param actions    in the order given; each runs when the clock reaches its {@code at}
 */
public record Scenario(Map<String, Map<String, ContainerBehaviour>> behaviours, List<Action> actions) {
    public static final Scenario EMPTY = new Scenario(Map.of(), List.of());

    public Scenario {
        behaviours = Map.copyOf(behaviours);
        actions = List.copyOf(actions);
    }

    /** One action of a scenario. */
    public sealed interface Action {
        Duration at();

        /** What the timeline says the action is, e.g. {@code deploy web}. */
        String describe();

        /** Update the service to a new revision of its family (RegisterTaskDefinition + UpdateService). */
        record Deploy(Duration at, String service, TaskDefinition taskDefinition,
                      Map<String, ContainerBehaviour> behaviours, Integer minimumHealthyPercent,
                      Integer maximumPercent) implements Action {
            public Deploy(Duration at, String service, TaskDefinition taskDefinition,
                          Map<String, ContainerBehaviour> behaviours) {
                this(at, service, taskDefinition, behaviours, null, null);
            }

            public String describe() {
                return "deploy " + service;
            }
        }

        record Scale(Duration at, String service, int desiredCount) implements Action {
            public String describe() {
                return "scale " + service + " to " + desiredCount;
            }
        }

        record Drain(Duration at, String instance) implements Action {
            public String describe() {
                return "drain " + instance;
            }
        }

        record Terminate(Duration at, String instance) implements Action {
            public String describe() {
                return "terminate " + instance;
            }
        }

        /** @param task the ARN of the task whose container exits, or null for the service's first running task */
        record Kill(Duration at, String service, String container, int exitCode, String task) implements Action {
            public Kill(Duration at, String service, String container, int exitCode) {
                this(at, service, container, exitCode, null);
            }

            public String describe() {
                return "kill " + service + "/" + container;
            }
        }

        record Unhealthy(Duration at, String service, String container) implements Action {
            public String describe() {
                return "make " + service + "/" + container + " unhealthy";
            }
        }
    }

    public Scenario plus(Action action) {
        List<Action> more = new ArrayList<>(actions);
        more.add(action);
        return new Scenario(behaviours, more);
    }

    /** A simulation of {@code design} with this scenario's behaviours and its actions scheduled. */
    public ClusterSimulation start(Design design, long seed) {
        ClusterSimulation sim = new ClusterSimulation(design, seed, (source, container) -> {
            Map<String, ContainerBehaviour> own = behaviours.get(source);
            return own == null ? null : own.get(container);
        });
        for (Action a : actions) {
            sim.schedule(a.at(), s -> apply(s, a));
        }
        return sim;
    }

    private static void apply(ClusterSimulation s, Action a) {
        if (a instanceof Action.Deploy d) {
            s.deploy(d.service(), d.taskDefinition(), d.behaviours(), d.minimumHealthyPercent(), d.maximumPercent());
        } else if (a instanceof Action.Scale sc) {
            s.scale(sc.service(), sc.desiredCount());
        } else if (a instanceof Action.Drain dr) {
            s.drain(dr.instance());
        } else if (a instanceof Action.Terminate t) {
            s.terminate(t.instance());
        } else if (a instanceof Action.Kill k) {
            s.kill(k.service(), k.container(), k.exitCode(), k.task());
        } else if (a instanceof Action.Unhealthy u) {
            s.makeUnhealthy(u.service(), u.container());
        }
    }

    /** What in this scenario does not fit the design, one sentence each, prefixed with the action's index. */
    public List<String> problems(Design design) {
        List<String> out = new ArrayList<>();
        Set<String> instances = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        Set<String> sources = new TreeSet<>();
        for (Cluster c : design.clusters()) {
            c.instances().forEach(i -> instances.add(i.id()));
            c.services().forEach(s -> services.add(s.id()));
            sources.addAll(services);
            c.tasks().forEach(t -> sources.add(t.id()));
        }
        for (String source : behaviours.keySet()) {
            if (!sources.contains(source)) {
                out.add("behaviour." + source + ": no service or task " + source + " in the design (" + list(sources) + ")");
                continue;
            }
            Set<String> names = containerNames(design, source);
            for (String container : behaviours.get(source).keySet()) {
                if (!names.isEmpty() && !names.contains(container)) {
                    out.add("behaviour." + source + "." + container + ": " + source + "'s task has no container "
                            + container + " (" + list(names) + ")");
                }
            }
        }
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            String at = "actions[" + i + "]";
            if (a instanceof Action.Deploy d) {
                Optional<Service> s = find(design, d.service());
                if (s.isEmpty()) {
                    out.add(at + ".deploy.service: no service " + d.service() + " in the design (" + list(services) + ")");
                } else if (d.taskDefinition().family() != null && s.get().taskDefinitionFamily() != null
                        && !d.taskDefinition().family().equals(s.get().taskDefinitionFamily())) {
                    out.add(at + ".deploy.taskDefinition: its family is " + d.taskDefinition().family()
                            + ", but service " + d.service() + " runs family " + s.get().taskDefinitionFamily());
                }
            } else if (a instanceof Action.Scale sc) {
                Optional<Service> s = find(design, sc.service());
                if (s.isEmpty()) {
                    out.add(at + ".scale.service: no service " + sc.service() + " in the design (" + list(services) + ")");
                } else if (s.get().isDaemon()) {
                    out.add(at + ".scale.service: " + sc.service() + " is a DAEMON service; it runs one task per instance");
                }
            } else if (a instanceof Action.Drain dr && !instances.contains(dr.instance())) {
                out.add(at + ".drain.instance: no instance " + dr.instance() + " in the design (" + list(instances) + ")");
            } else if (a instanceof Action.Terminate t && !instances.contains(t.instance())) {
                out.add(at + ".terminate.instance: no instance " + t.instance() + " in the design (" + list(instances) + ")");
            } else if (a instanceof Action.Kill k) {
                containerProblem(design, at + ".kill", k.service(), k.container(), services).ifPresent(out::add);
            } else if (a instanceof Action.Unhealthy u) {
                containerProblem(design, at + ".unhealthy", u.service(), u.container(), services).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<String> containerProblem(Design design, String at, String service, String container,
                                                     Set<String> services) {
        Optional<Service> s = find(design, service);
        if (s.isEmpty()) {
            return Optional.of(at + ".service: no service " + service + " in the design (" + list(services) + ")");
        }
        TaskDefinition td = design.taskDefinition(s.get().taskDefinitionFamily()).orElse(null);
        if (td != null && td.containerDefinitions().stream().map(ContainerDefinition::name)
                .noneMatch(container::equals)) {
            return Optional.of(at + ".container: service " + service + "'s task has no container " + container + " ("
                    + list(new TreeSet<>(td.containerDefinitions().stream().map(ContainerDefinition::name)
                    .filter(n -> n != null).toList())) + ")");
        }
        return Optional.empty();
    }

    /** The container names of the task definition a service or standalone task runs (empty when unknown). */
    private static Set<String> containerNames(Design design, String source) {
        String family = design.clusters().stream().flatMap(c -> c.services().stream()).filter(s -> s.id().equals(source))
                .map(Service::taskDefinitionFamily).findFirst().orElse(design.clusters().stream()
                        .flatMap(c -> c.tasks().stream()).filter(t -> t.id().equals(source))
                        .map(t -> t.taskDefinitionFamily()).findFirst().orElse(null));
        TaskDefinition td = design.taskDefinition(family).orElse(null);
        Set<String> names = new TreeSet<>();
        if (td != null) {
            td.containerDefinitions().stream().map(ContainerDefinition::name).filter(n -> n != null).forEach(names::add);
        }
        return names;
    }

    private static Optional<Service> find(Design design, String id) {
        return design.clusters().stream().flatMap(c -> c.services().stream()).filter(s -> s.id().equals(id))
                .findFirst();
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "there are none" : String.join(", ", names);
    }
}
