package io.stowage.model.ecs;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonDiff;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two task definitions compared member by member (two revisions, or a file against the design), as
 * {@link JsonDiff} changes at their JSON paths. DescribeTaskDefinition and the console write empty lists and
 * objects the user never wrote ({@code "mountPoints": []}); by choice those count as absent, so that comparing a
 * described revision with the file it came from shows only what differs in meaning.
 */
public final class TaskDefinitionComparison {
    /** How many members were added, removed and changed. */
    public record Summary(int added, int removed, int changed) {
        public boolean same() {
            return added + removed + changed == 0;
        }

        @Override
        public String toString() {
            if (same()) {
                return "No differences";
            }
            List<String> parts = new ArrayList<>();
            if (changed > 0) {
                parts.add(changed + " changed");
            }
            if (added > 0) {
                parts.add(added + " added");
            }
            if (removed > 0) {
                parts.add(removed + " removed");
            }
            return String.join(", ", parts);
        }
    }

    private TaskDefinitionComparison() {
    }

    /**
     * @param emptyIsAbsent whether an empty list or object counts the same as the member being absent
     */
    public static List<JsonDiff.Change> of(TaskDefinition left, TaskDefinition right, boolean emptyIsAbsent) {
        Json a = left.json();
        Json b = right.json();
        if (emptyIsAbsent) {
            a = withoutEmpty(a);
            b = withoutEmpty(b);
        }
        return JsonDiff.of(a, b);
    }

    public static Summary summarize(List<JsonDiff.Change> changes) {
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (JsonDiff.Change change : changes) {
            switch (change.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                default -> changed++;
            }
        }
        return new Summary(added, removed, changed);
    }

    /** The tree without members (at any depth) whose value is an empty list or object. */
    static Json withoutEmpty(Json value) {
        if (value instanceof JsonObject object) {
            Map<String, Json> kept = new LinkedHashMap<>();
            object.members().forEach((key, member) -> {
                Json cleaned = withoutEmpty(member);
                if (!isEmpty(cleaned)) {
                    kept.put(key, cleaned);
                }
            });
            return JsonObject.of(kept);
        }
        if (value instanceof JsonArray array) {
            List<Json> items = new ArrayList<>(array.size());
            array.items().forEach(item -> items.add(withoutEmpty(item)));
            return JsonArray.of(items);
        }
        return value;
    }

    private static boolean isEmpty(Json value) {
        return value instanceof JsonArray array && array.isEmpty() || value instanceof JsonObject object && object.isEmpty();
    }
}
