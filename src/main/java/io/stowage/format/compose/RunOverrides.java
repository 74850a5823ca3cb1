package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A standalone task's RunTask container overrides, applied to the container they name, as ECS applies them. */
final class RunOverrides {
    private RunOverrides() {
    }

    static JsonObject apply(JsonObject container, JsonObject overrides, String path, ConversionReport report) {
        String name = ContainerExport.text(container.get("name"));
        List<Json> all = ContainerExport.items(overrides.get("containerOverrides"));
        for (int i = 0; i < all.size(); i++) {
            if (!(all.get(i) instanceof JsonObject override) || !java.util.Objects.equals(name, ContainerExport.text(override.get("name")))) {
                continue;
            }
            for (Map.Entry<String, Json> member : override.members().entrySet()) {
                switch (member.getKey()) {
                    case "name" -> { }
                    case "command", "cpu", "memory", "memoryReservation" ->
                            container = container.with(member.getKey(), member.getValue());
                    case "environment" -> container = container.with("environment",
                            environment(container.get("environment"), member.getValue()));
                    default -> report.add(ConversionReport.Kind.NOT_MAPPED, path + ".containerOverrides[" + i + "]."
                            + member.getKey(), "this override is not applied locally");
                }
            }
        }
        return container;
    }

    /** The override's variables replace those of the same name and add the others (RunTask semantics). */
    private static JsonArray environment(Json base, Json override) {
        Map<String, Json> byName = new LinkedHashMap<>();
        for (JsonObject item : ContainerExport.objects(base)) {
            byName.put(ContainerExport.text(item.get("name")), item);
        }
        for (JsonObject item : ContainerExport.objects(override)) {
            byName.put(ContainerExport.text(item.get("name")), item);
        }
        return JsonArray.of(new ArrayList<>(byName.values()));
    }
}
