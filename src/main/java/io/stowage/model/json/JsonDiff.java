package io.stowage.model.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differences between two JSON trees, member by member: what was added, removed or changed, each at its
 * JSON path. Arrays whose items are all objects with distinct {@code name}s (container definitions, environment,
 * secrets, volumes...), or {@code family}s or {@code id}s (a design's task definitions, clusters, services), are
 * matched by that key, so that inserting a container reports one added container rather than every later one
 * changed; other arrays are compared position by position. Key order is not a difference.
 */
public final class JsonDiff {
    /** What happened to a member. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One difference.
     *
     * @param path       where, with positions of the right-hand tree (of the left for a removal), e.g.
     *                   {@code containerDefinitions[1].image}
     * @param beforePath where it is in the left-hand tree (positions may differ when items were matched by
     *                   name), null when added
     * @param label      the same path naming matched items, e.g. {@code containerDefinitions[web].image}
     * @param kind       added, removed or changed
     * @param before     the left-hand value, null when added
     * @param after      the right-hand value, null when removed
     */
    public record Change(JsonPath path, JsonPath beforePath, String label, Kind kind, Json before, Json after) {
    }

    private static final List<String> IDENTITY_KEYS = List.of("name", "family", "id");

    private JsonDiff() {
    }

    /** Every difference from {@code before} to {@code after}, in the order of the trees; empty when equal. */
    public static List<Change> of(Json before, Json after) {
        List<Change> out = new ArrayList<>();
        compare(before, after, JsonPath.ROOT, JsonPath.ROOT, "", out);
        return out;
    }

    private static void compare(Json before, Json after, JsonPath path, JsonPath left, String label,
                                List<Change> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof JsonObject a && after instanceof JsonObject b) {
            Set<String> keys = new LinkedHashSet<>(b.keys());
            keys.addAll(a.keys());
            for (String key : keys) {
                JsonPath at = path.key(key);
                JsonPath was = left.key(key);
                String atLabel = join(label, at.text().substring(path.text().length()));
                Json leftValue = a.get(key);
                Json rightValue = b.get(key);
                if (leftValue == null) {
                    out.add(new Change(at, null, atLabel, Kind.ADDED, null, rightValue));
                } else if (rightValue == null) {
                    out.add(new Change(was, was, atLabel, Kind.REMOVED, leftValue, null));
                } else {
                    compare(leftValue, rightValue, at, was, atLabel, out);
                }
            }
        } else if (before instanceof JsonArray a && after instanceof JsonArray b) {
            String key = identityKey(a, b);
            if (key != null) {
                compareByName(a, b, key, path, left, label, out);
            } else {
                compareByPosition(a, b, path, left, label, out);
            }
        } else {
            out.add(new Change(path, left, label, Kind.CHANGED, before, after));
        }
    }

    private static void compareByPosition(JsonArray a, JsonArray b, JsonPath path, JsonPath left, String label,
                                          List<Change> out) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            compare(a.get(i), b.get(i), path.index(i), left.index(i), label + "[" + i + "]", out);
        }
        for (int i = common; i < b.size(); i++) {
            out.add(new Change(path.index(i), null, label + "[" + i + "]", Kind.ADDED, null, b.get(i)));
        }
        for (int i = common; i < a.size(); i++) {
            out.add(new Change(left.index(i), left.index(i), label + "[" + i + "]", Kind.REMOVED, a.get(i), null));
        }
    }

    private static void compareByName(JsonArray a, JsonArray b, String key, JsonPath path, JsonPath left,
                                      String label, List<Change> out) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            byName.put(nameOf(a.get(i), key), i);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < b.size(); i++) {
            String name = nameOf(b.get(i), key);
            seen.add(name);
            String itemLabel = label + "[" + name + "]";
            Integer j = byName.get(name);
            if (j == null) {
                out.add(new Change(path.index(i), null, itemLabel, Kind.ADDED, null, b.get(i)));
            } else {
                compare(a.get(j), b.get(i), path.index(i), left.index(j), itemLabel, out);
            }
        }
        for (int i = 0; i < a.size(); i++) {
            String name = nameOf(a.get(i), key);
            if (!seen.contains(name)) {
                out.add(new Change(left.index(i), left.index(i), label + "[" + name + "]", Kind.REMOVED, a.get(i),
                        null));
            }
        }
    }

    /** The key every item of both arrays has as a distinct string, or null to compare by position. */
    private static String identityKey(JsonArray a, JsonArray b) {
        if (a.isEmpty() && b.isEmpty()) {
            return null;
        }
        for (String key : IDENTITY_KEYS) {
            if (distinct(a, key) && distinct(b, key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean distinct(JsonArray array, String key) {
        Set<String> names = new HashSet<>();
        for (Json item : array.items()) {
            String name = nameOf(item, key);
            if (name == null || !names.add(name)) {
                return false;
            }
        }
        return true;
    }

    private static String nameOf(Json item, String key) {
        return item instanceof JsonObject object && object.get(key) instanceof JsonString s ? s.value() : null;
    }

    private static String join(String label, String suffix) {
        if (label.isEmpty() && suffix.startsWith(".")) {
            return suffix.substring(1);
        }
        return label + suffix;
    }
}
