package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.List;
import java.util.Map;

/** A container's Linux parameters as compose keys: capabilities, init, shared memory, swap, tmpfs, devices. */
final class LinuxExport {
    private LinuxExport() {
    }

    static void linux(JsonObject container, String path, Map<String, Object> out, ConversionReport report) {
        if (!(container.get("linuxParameters") instanceof JsonObject linux)) {
            return;
        }
        for (Map.Entry<String, Json> member : linux.members().entrySet()) {
            Json value = member.getValue();
            switch (member.getKey()) {
                case "capabilities" -> {
                    if (!(value instanceof JsonObject caps)) {
                        continue;
                    }
                    if (caps.has("add")) {
                        out.put("cap_add", ContainerExport.strings(caps.get("add")));
                    }
                    if (caps.has("drop")) {
                        out.put("cap_drop", ContainerExport.strings(caps.get("drop")));
                    }
                }
                case "initProcessEnabled" -> out.put("init", ContainerExport.bool(value));
                case "sharedMemorySize" -> {
                    if (ContainerExport.number(value) != null) {
                        out.put("shm_size", ContainerExport.number(value) + "m");
                    }
                }
                case "swappiness" -> out.put("mem_swappiness", ContainerExport.number(value));
                case "maxSwap" -> {
                    Long memory = ContainerExport.number(container.get("memory"));
                    Long swap = ContainerExport.number(value);
                    if (swap == null) {
                        continue;
                    }
                    if (memory != null) {
                        out.put("memswap_limit", (memory + swap) + "m");
                    } else {
                        report.add(ConversionReport.Kind.NOT_MAPPED, path + ".linuxParameters.maxSwap",
                                "compose limits memory and swap together, which needs a memory limit");
                    }
                }
                case "tmpfs" -> out.put("tmpfs", ContainerExport.list(value, t -> ContainerExport.text(t.get("containerPath")) + ":" + String.join(",",
                        ContainerExport.concat(ContainerExport.number(t.get("size")) != null ? List.of("size=" + ContainerExport.number(t.get("size")) + "m") : List.of(),
                                ContainerExport.strings(t.get("mountOptions"))))));
                case "devices" -> out.put("devices", ContainerExport.list(value, d -> {
                    String permissions = ContainerExport.strings(d.get("permissions")).stream().filter(p -> p != null && !p.isEmpty()).map(p -> p.substring(0, 1))
                            .reduce("", String::concat);
                    return ContainerExport.text(d.get("hostPath")) + ":" + (d.has("containerPath") ? ContainerExport.text(d.get("containerPath"))
                            : ContainerExport.text(d.get("hostPath"))) + (permissions.isEmpty() ? "" : ":" + permissions);
                }));
                default -> report.add(ConversionReport.Kind.NOT_MAPPED, path + ".linuxParameters." + member.getKey(),
                        "compose has no counterpart");
            }
        }
    }
}
