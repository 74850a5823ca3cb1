package io.stowage.model.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Members whose value is JSON {@code null}. To ECS a null member means "not set", but the AWS CLI (botocore)
 * refuses None for a string, list or structure, so files written for the CLI leave such members out. Null
 * items of arrays are kept: dropping one would shift the others, and that would be a guess.
 */
public final class NullMembers {
    private NullMembers() {
    }

    /** The tree without its null members, and the paths of what was dropped. */
    public record Dropped<T extends Json>(T value, List<String> paths) {
        public boolean any() {
            return !paths.isEmpty();
        }
    }

    public static Dropped<JsonObject> drop(JsonObject object) {
        List<String> paths = new ArrayList<>();
        JsonObject value = (JsonObject) drop(object, "", paths);
        return new Dropped<>(paths.isEmpty() ? object : value, List.copyOf(paths));
    }

    private static Json drop(Json value, String path, List<String> paths) {
        if (value instanceof JsonObject object) {
            Map<String, Json> out = new LinkedHashMap<>();
            object.members().forEach((key, member) -> {
                String where = path.isEmpty() ? key : path + "." + key;
                if (member instanceof JsonNull) {
                    paths.add(where);
                } else {
                    out.put(key, drop(member, where, paths));
                }
            });
            return JsonObject.of(out);
        }
        if (value instanceof JsonArray array) {
            List<Json> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                items.add(drop(array.get(i), path + "[" + i + "]", paths));
            }
            return JsonArray.of(items);
        }
        return value;
    }

    /** {@code ipcMode, containerDefinitions[0].ulimits}, shortened after {@code limit} paths. */
    public static String describe(List<String> paths, int limit) {
        if (paths.size() <= limit) {
            return String.join(", ", paths);
        }
        return String.join(", ", paths.subList(0, limit)) + " and " + (paths.size() - limit) + " more";
    }
}
