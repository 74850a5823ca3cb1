package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Container start order: dependsOn targets exist and are not the container itself, COMPLETE and SUCCESS target
 * non-essential containers, HEALTHY targets have a health check, and no cycle runs through dependsOn, links and
 * volumesFrom together (the agent turns links into START and volumesFrom into CREATE dependencies).
 * Sources: ecs-semantics.md §3.4 (implicit dependencies, missing targets fail the task); ECS API reference,
 * ContainerDependency.condition ("This condition can't be set on an essential container"; HEALTHY "requires that
 * the dependent container has health checks configured").
 */
final class ContainerDependencyRules implements Rule {
    private record Edge(int from, int to, String kind, JsonPath path) {
    }

    @Override
    public void check(RuleContext task, Findings out) {
        List<RuleContext.Container> containers = task.containers();
        List<List<Edge>> edges = new ArrayList<>();
        for (RuleContext.Container container : containers) {
            edges.add(new ArrayList<>());
        }
        for (RuleContext.Container container : containers) {
            dependsOn(task, container, edges, out);
            links(task, container, edges);
            volumesFrom(task, container, edges);
        }
        cycles(containers, edges, out);
    }

    private void dependsOn(RuleContext task, RuleContext.Container container, List<List<Edge>> edges, Findings out) {
        List<Json> items = Values.array(container.json(), "dependsOn").items();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject dependency)) {
                continue;
            }
            JsonPath path = container.at("dependsOn").index(j);
            String target = Values.concrete(dependency, "containerName");
            if (target == null) {
                continue;
            }
            String condition = Values.string(dependency, "condition");
            RuleContext.Container other = task.container(target);
            if (target.equals(container.name())) {
                out.error(path.key("containerName"), "Container " + container.label() + " depends on itself; name"
                        + " another container of the task.", "depends-on-self");
                continue;
            }
            if (other == null) {
                out.error(path.key("containerName"), "Container " + container.label() + " depends on "
                        + Values.quote(target) + ", but the task has no container of that name; use one of "
                        + names(task, container) + ".", "depends-on-target");
                continue;
            }
            if (!seen.add(target)) {
                out.warning(path, "Container " + container.label() + " lists " + target + " in dependsOn more than"
                        + " once; keep one entry with the condition you need.", "depends-on-duplicate");
            }
            edges.get(container.index()).add(new Edge(container.index(), other.index(), "dependsOn", path));
            if (("COMPLETE".equals(condition) || "SUCCESS".equals(condition))
                    && Boolean.TRUE.equals(other.essential())) {
                out.error(path.key("condition"), "Condition " + condition + " waits for " + target + " to exit, but "
                        + target + " is essential, so its exit stops the task; set \"essential\": false on "
                        + target + " or use START or HEALTHY.", "depends-on-essential");
            }
            if ("HEALTHY".equals(condition) && !Values.isSet(other.json(), "healthCheck")) {
                out.error(path.key("condition"), "Condition HEALTHY needs a health check on " + target + ", which"
                        + " has none; add a healthCheck to " + target + " or use START.", "depends-on-healthy");
            }
        }
    }

    private void links(RuleContext task, RuleContext.Container container, List<List<Edge>> edges) {
        List<Json> items = Values.array(container.json(), "links").items();
        for (int j = 0; j < items.size(); j++) {
            if (items.get(j) instanceof JsonString s && !Values.hasPlaceholder(s.value())) {
                String target = s.value().split(":", -1)[0];
                RuleContext.Container other = task.container(target);
                if (other != null && other != container) {
                    edges.get(container.index()).add(new Edge(container.index(), other.index(), "links",
                            container.at("links").index(j)));
                }
            }
        }
    }

    private void volumesFrom(RuleContext task, RuleContext.Container container, List<List<Edge>> edges) {
        List<Json> items = Values.array(container.json(), "volumesFrom").items();
        for (int j = 0; j < items.size(); j++) {
            if (items.get(j) instanceof JsonObject from) {
                RuleContext.Container other = task.container(Values.concrete(from, "sourceContainer"));
                if (other != null && other != container) {
                    edges.get(container.index()).add(new Edge(container.index(), other.index(), "volumesFrom",
                            container.at("volumesFrom").index(j)));
                }
            }
        }
    }

    static String names(RuleContext task, RuleContext.Container except) {
        List<String> names = new ArrayList<>();
        for (RuleContext.Container c : task.containers()) {
            if (c != except && c.name() != null && !c.name().equals(except.name()) && !names.contains(c.name())) {
                names.add(c.name());
            }
        }
        return names.isEmpty() ? "(no other container)" : Values.orList(names);
    }

    /** Reports one cycle per strongly connected group of containers, starting at its first container. */
    private void cycles(List<RuleContext.Container> containers, List<List<Edge>> edges, Findings out) {
        int[] component = new Tarjan(edges).components();
        Set<Integer> reported = new HashSet<>();
        for (int start = 0; start < containers.size(); start++) {
            int group = component[start];
            if (reported.contains(group) || !inCycle(start, group, component, edges)) {
                continue;
            }
            reported.add(group);
            List<Edge> cycle = findCycle(start, group, component, edges);
            if (cycle.isEmpty()) {
                continue;
            }
            StringBuilder chain = new StringBuilder(containers.get(start).label());
            List<String> how = new ArrayList<>();
            for (Edge edge : cycle) {
                chain.append(" → ").append(containers.get(edge.to()).label());
                how.add(containers.get(edge.from()).label() + " " + edge.kind() + " "
                        + containers.get(edge.to()).label());
            }
            out.error(cycle.get(0).path(), "Containers wait for each other in a cycle: " + chain + " ("
                    + String.join("; ", how) + "). ECS cannot start any of them; remove one of these dependencies.",
                    "dependency-cycle");
        }
    }

    private static boolean inCycle(int node, int group, int[] component, List<List<Edge>> edges) {
        for (int other = 0; other < component.length; other++) {
            if (other != node && component[other] == group) {
                return true;
            }
        }
        return false;
    }

    /** A path of edges from start back to start inside its component (breadth first, so the shortest). */
    private static List<Edge> findCycle(int start, int group, int[] component, List<List<Edge>> edges) {
        Edge[] via = new Edge[component.length];
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        boolean[] visited = new boolean[component.length];
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (Edge edge : edges.get(node)) {
                if (component[edge.to()] != group) {
                    continue;
                }
                if (edge.to() == start) {
                    List<Edge> path = new ArrayList<>();
                    path.add(edge);
                    int at = node;
                    while (at != start) {
                        path.add(0, via[at]);
                        at = via[at].from();
                    }
                    return path;
                }
                if (!visited[edge.to()]) {
                    visited[edge.to()] = true;
                    via[edge.to()] = edge;
                    queue.add(edge.to());
                }
            }
        }
        return List.of();
    }

    /** Tarjan's strongly connected components; recursion is shallow, as a task has at most ten containers. */
    private static final class Tarjan {
        private final List<List<Edge>> edges;
        private final int[] index;
        private final int[] low;
        private final int[] component;
        private final boolean[] onStack;
        private final Deque<Integer> stack = new ArrayDeque<>();
        private int counter;
        private int components;

        Tarjan(List<List<Edge>> edges) {
            this.edges = edges;
            int n = edges.size();
            index = new int[n];
            low = new int[n];
            component = new int[n];
            onStack = new boolean[n];
            java.util.Arrays.fill(index, -1);
        }

        int[] components() {
            for (int v = 0; v < edges.size(); v++) {
                if (index[v] < 0) {
                    visit(v);
                }
            }
            return component;
        }

        private void visit(int v) {
            index[v] = counter;
            low[v] = counter;
            counter++;
            stack.push(v);
            onStack[v] = true;
            for (Edge edge : edges.get(v)) {
                int w = edge.to();
                if (index[w] < 0) {
                    visit(w);
                    low[v] = Math.min(low[v], low[w]);
                } else if (onStack[w]) {
                    low[v] = Math.min(low[v], index[w]);
                }
            }
            if (low[v] == index[v]) {
                int w;
                do {
                    w = stack.pop();
                    onStack[w] = false;
                    component[w] = components;
                } while (w != v);
                components++;
            }
        }
    }
}
