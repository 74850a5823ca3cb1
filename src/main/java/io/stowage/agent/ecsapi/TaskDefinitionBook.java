package io.stowage.agent.ecsapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonText;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The endpoint's task definitions, by family and revision, as ECS keeps them: the task definitions of the runs the
 * agent holds (each at the revision its services and tasks name, revision 1 when they name none) and those
 * registered through the API (the family's next revision). Revisions are never reused; a deregistered one is
 * INACTIVE. Kept in the agent's memory: an agent started afresh knows the runs' own task definitions only.
 */
final class TaskDefinitionBook {
    private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** Who registers, as DescribeTaskDefinition's registeredBy says it. */
    static final String REGISTERED_BY = "arn:aws:iam::000000000000:root";

    /** One revision of a family. */
    static final class Revision {
        final String family;
        final int revision;
        final TaskDefinition definition;
        final List<ObjectNode> tags;
        final Instant registeredAt;
        volatile Instant deregisteredAt;

        Revision(String family, int revision, TaskDefinition definition, List<ObjectNode> tags, Instant registeredAt) {
            this.family = family;
            this.revision = revision;
            this.definition = definition;
            this.tags = tags;
            this.registeredAt = registeredAt;
        }

        String arn() {
            return EcsArns.taskDefinition(family + ":" + revision);
        }

        boolean active() {
            return deregisteredAt == null;
        }
    }

    private final Map<String, TreeMap<Integer, Revision>> families = new TreeMap<>();

    /** Adds the task definitions of {@code runs} not known yet, each at the revisions the runs name. */
    synchronized void seed(Collection<? extends HeldRun> runs) {
        for (HeldRun run : runs) {
            Map<String, Set<Integer>> named = new TreeMap<>();
            for (Cluster c : run.design().clusters()) {
                for (Service s : c.services()) {
                    note(named, s.taskDefinition());
                }
                for (StandaloneTask t : c.tasks()) {
                    note(named, t.taskDefinition());
                }
            }
            for (TaskDefinition td : run.design().taskDefinitionList()) {
                if (td.family() == null) {
                    continue;
                }
                for (int revision : named.getOrDefault(td.family(), Set.of(1))) {
                    TreeMap<Integer, Revision> revisions = families.computeIfAbsent(td.family(), f -> new TreeMap<>());
                    revisions.putIfAbsent(revision,
                            new Revision(td.family(), revision, td, tagsOf(td), run.since()));
                }
            }
        }
    }

    private static void note(Map<String, Set<Integer>> named, TaskDefinitionRef ref) {
        if (ref != null) {
            named.computeIfAbsent(ref.family(), f -> new TreeSet<>()).add(ref.revision() == null ? 1 : ref.revision());
        }
    }

    /** RegisterTaskDefinition: checks the input as ECS does and keeps it as the family's next revision. */
    synchronized Revision register(JsonNode input, Instant now) {
        ObjectNode body = input.deepCopy();
        JsonNode tagsNode = body.remove("tags");
        TaskDefinition td;
        try {
            td = TaskDefinitionFormat.parse("RegisterTaskDefinition", body.toString()).taskDefinition();
        } catch (UnreadableFileException e) {
            throw new EcsApiException("SerializationException", "The RegisterTaskDefinition input does not match "
                    + "ECS's shape: " + e.detail() + ".");
        }
        check(td);
        List<ObjectNode> tags = tags(tagsNode);
        TreeMap<Integer, Revision> revisions = families.computeIfAbsent(td.family(), f -> new TreeMap<>());
        int next = revisions.isEmpty() ? 1 : revisions.lastKey() + 1;
        Revision out = new Revision(td.family(), next, td, tags, now);
        revisions.put(next, out);
        return out;
    }

    /** The checks ECS makes when a task definition is registered, in its words where they are known. */
    static void check(TaskDefinition td) {
        if (td.family() == null || td.family().isEmpty()) {
            throw client("Family must not be null or empty.");
        }
        if (!FAMILY.matcher(td.family()).matches()) {
            throw client("Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, "
                    + "hyphens and underscores are allowed.");
        }
        List<ContainerDefinition> containers = td.containerDefinitions();
        if (containers.isEmpty()) {
            throw client("Container list cannot be empty.");
        }
        boolean fargate = td.requiresCompatibilities().contains("FARGATE");
        Set<String> names = new HashSet<>();
        for (ContainerDefinition c : containers) {
            if (c.name() == null || c.name().isEmpty()) {
                throw client("Container.name should not be null or empty.");
            }
            if (c.image() == null || c.image().isEmpty()) {
                throw client("Container.image should not be null or empty.");
            }
            if (!names.add(c.name())) {
                throw client("Duplicate container name found: " + c.name() + ".");
            }
            if (!fargate && td.memory() == null && c.memory() == null && c.memoryReservation() == null) {
                throw client("Invalid setting for container '" + c.name() + "'. At least one of 'memory' or "
                        + "'memoryReservation' must be specified.");
            }
        }
        if (fargate) {
            if (!"awsvpc".equals(td.networkMode())) {
                throw client("Fargate only supports network mode 'awsvpc'.");
            }
            if (td.cpu() == null || td.memory() == null) {
                throw client("Fargate requires that 'cpu' and 'memory' be defined at the task level.");
            }
        }
    }

    private static List<ObjectNode> tags(JsonNode tags) {
        List<ObjectNode> out = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isArray()) {
            throw EcsApiException.invalid("tags must be a list of {key, value}.");
        }
        if (tags.size() > 50) {
            throw EcsApiException.invalid("Too many tags: a resource can have at most 50.");
        }
        for (JsonNode t : tags) {
            String key = t.path("key").asText("");
            if (key.isEmpty() || key.length() > 128) {
                throw EcsApiException.invalid("A tag's key must be 1 to 128 characters.");
            }
            ObjectNode tag = EcsApi.JSON.createObjectNode().put("key", key);
            if (t.hasNonNull("value")) {
                tag.put("value", t.get("value").asText());
            }
            out.add(tag);
        }
        return out;
    }

    private static List<ObjectNode> tagsOf(TaskDefinition td) {
        List<ObjectNode> out = new ArrayList<>();
        td.tags().forEach(t -> {
            ObjectNode tag = EcsApi.JSON.createObjectNode().put("key", t.key());
            if (t.value() != null) {
                tag.put("value", t.value());
            }
            out.add(tag);
        });
        return out;
    }

    /**
     * The revision a reference names ({@code family}: the latest ACTIVE; {@code family:revision}; the ARN), or
     * empty.
     */
    synchronized Optional<Revision> find(String ref) {
        TaskDefinitionRef parsed = TaskDefinitionRef.parse(ref);
        if (parsed == null) {
            return Optional.empty();
        }
        TreeMap<Integer, Revision> revisions = families.get(parsed.family());
        if (revisions == null) {
            return Optional.empty();
        }
        if (parsed.revision() != null) {
            return Optional.ofNullable(revisions.get(parsed.revision()));
        }
        return revisions.descendingMap().values().stream().filter(Revision::active).findFirst();
    }

    /** DeregisterTaskDefinition: the revision named (a revision must be named) becomes INACTIVE. */
    synchronized Revision deregister(String ref, Instant now) {
        TaskDefinitionRef parsed = TaskDefinitionRef.parse(ref);
        if (parsed == null || parsed.revision() == null) {
            throw client("A revision must be given: family:revision or the task definition's ARN.");
        }
        if (parsed.revision() < 1) {
            throw EcsApiException.invalid("Invalid revision number. Number: " + parsed.revision());
        }
        Revision r = find(ref).orElseThrow(() -> client("The specified task definition does not exist."));
        if (r.active()) {
            r.deregisteredAt = now;
        }
        return r;
    }

    /** Every revision, by family then revision. */
    synchronized List<Revision> all() {
        List<Revision> out = new ArrayList<>();
        families.values().forEach(r -> out.addAll(r.values()));
        return out;
    }

    // ------------------------------------------------------------------ the output shape

    /** The revision in the TaskDefinition output shape, with ECS's defaults filled in as DescribeTaskDefinition does. */
    static ObjectNode describe(Revision r) {
        ObjectNode out;
        try {
            out = (ObjectNode) EcsApi.JSON.readTree(JsonText.compact(r.definition.json()));
        } catch (IOException e) {
            throw new IllegalStateException("a task definition is not JSON", e);
        }
        for (String key : TaskDefinitionFormat.READ_ONLY_KEYS) {
            out.remove(key);
        }
        out.remove("tags");
        removeNulls(out);
        String mode = r.definition.networkMode();
        ArrayNode containers = (ArrayNode) out.get("containerDefinitions");
        for (JsonNode node : containers) {
            ObjectNode c = (ObjectNode) node;
            if (!c.has("cpu")) {
                c.put("cpu", 0);
            }
            if (!c.has("essential")) {
                c.put("essential", true);
            }
            for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom", "systemControls")) {
                if (!c.has(list)) {
                    c.putArray(list);
                }
            }
            for (JsonNode p : c.get("portMappings")) {
                ObjectNode port = (ObjectNode) p;
                if (!port.has("protocol")) {
                    port.put("protocol", "tcp");
                }
                if (!port.has("hostPort") && port.has("containerPort")
                        && ("awsvpc".equals(mode) || "host".equals(mode))) {
                    port.put("hostPort", port.get("containerPort").asInt());
                }
            }
        }
        for (String list : List.of("volumes", "placementConstraints", "requiresAttributes")) {
            if (!out.has(list)) {
                out.putArray(list);
            }
        }
        out.put("taskDefinitionArn", r.arn());
        out.put("revision", r.revision);
        out.put("status", r.active() ? "ACTIVE" : "INACTIVE");
        ArrayNode compatibilities = out.putArray("compatibilities");
        if ("awsvpc".equals(mode)) {
            compatibilities.add("EC2");
            if (r.definition.cpu() != null && r.definition.memory() != null) {
                compatibilities.add("FARGATE");
            }
        } else {
            compatibilities.add("EXTERNAL").add("EC2");
        }
        out.set("registeredAt", EcsShapes.time(r.registeredAt));
        if (r.deregisteredAt != null) {
            out.set("deregisteredAt", EcsShapes.time(r.deregisteredAt));
        }
        out.put("registeredBy", REGISTERED_BY);
        return out;
    }

    private static void removeNulls(JsonNode node) {
        if (node.isObject()) {
            List<String> nulls = new ArrayList<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    removeNulls(f.getValue());
                }
            });
            ((ObjectNode) node).remove(nulls);
        } else if (node.isArray()) {
            node.forEach(TaskDefinitionBook::removeNulls);
        }
    }

    private static EcsApiException client(String message) {
        return new EcsApiException("ClientException", message);
    }
}
