package io.stowage.ui.shell;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the element a finding's path is about, e.g. {@code taskDefinitions[1].containerDefinitions[0].memory}
 * → the container, and the path inside that element the inspector should focus.
 */
final class FindingTargets {
    private static final Pattern CONTAINER = Pattern.compile("^taskDefinitions\\[(\\d+)]\\.containerDefinitions\\[(\\d+)](.*)$");
    private static final Pattern TASK_DEFINITION = Pattern.compile("^taskDefinitions\\[(\\d+)](.*)$");
    private static final Pattern CLUSTER_MEMBER = Pattern.compile("^clusters\\[(\\d+)]\\.(services|instances|tasks)\\[(\\d+)](.*)$");
    private static final Pattern CLUSTER = Pattern.compile("^clusters\\[(\\d+)](.*)$");

    record Target(ElementId element, String innerPath) {
    }

    private FindingTargets() {
    }

    static Target of(Design design, String path) {
        Matcher m = CONTAINER.matcher(path);
        List<TaskDefinition> taskDefinitions = design.taskDefinitionList();
        if (m.matches() && index(m, 1) < taskDefinitions.size()) {
            TaskDefinition td = taskDefinitions.get(index(m, 1));
            List<ContainerDefinition> containers = td.containerDefinitions();
            if (index(m, 2) < containers.size() && containers.get(index(m, 2)).name() != null) {
                return new Target(ElementId.container(td.family(), containers.get(index(m, 2)).name()), inner(m.group(3)));
            }
        }
        m = TASK_DEFINITION.matcher(path);
        if (m.matches() && index(m, 1) < taskDefinitions.size()) {
            return new Target(ElementId.taskDefinition(taskDefinitions.get(index(m, 1)).family()), inner(m.group(2)));
        }
        m = CLUSTER_MEMBER.matcher(path);
        if (m.matches() && index(m, 1) < design.clusters().size()) {
            Cluster cluster = design.clusters().get(index(m, 1));
            int item = index(m, 3);
            ElementId id = switch (m.group(2)) {
                case "services" -> item < cluster.services().size() ? ElementId.service(cluster.id(), cluster.services().get(item).id()) : null;
                case "instances" -> item < cluster.instances().size() ? ElementId.instance(cluster.id(), cluster.instances().get(item).id()) : null;
                default -> item < cluster.tasks().size() ? ElementId.task(cluster.id(), cluster.tasks().get(item).id()) : null;
            };
            if (id != null) {
                return new Target(id, inner(m.group(4)));
            }
        }
        m = CLUSTER.matcher(path);
        if (m.matches() && index(m, 1) < design.clusters().size()) {
            return new Target(ElementId.cluster(design.clusters().get(index(m, 1)).id()), inner(m.group(2)));
        }
        return null;
    }

    private static int index(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static String inner(String rest) {
        return rest.startsWith(".") ? rest.substring(1) : rest;
    }
}
