package io.stowage.format;

import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.rules.Placeholders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * A design's task definitions as one file each, {@code FAMILY.json}, in the RegisterTaskDefinition input shape
 * that {@code aws ecs register-task-definition --cli-input-json file://FAMILY.json} takes.
 */
public final class TaskDefinitionExport {
    private TaskDefinitionExport() {
    }

    /**
     * Writes the files into the directory (made if missing) and returns them in design order: all of them or,
     * when one cannot be written, none.
     */
    public static List<Path> write(Design design, Path directory, ConversionReport report) throws IOException {
        return write(design, directory, report, List.of());
    }

    /** As {@link #write(Design, Path, ConversionReport)}, refusing to write over any of {@code inputs}. */
    public static List<Path> write(Design design, Path directory, ConversionReport report, Collection<Path> inputs)
            throws IOException {
        List<Path> out = new ArrayList<>();
        Map<Path, byte[]> texts = new LinkedHashMap<>();
        List<TaskDefinition> all = design.taskDefinitionList();
        for (int i = 0; i < all.size(); i++) {
            TaskDefinition td = all.get(i);
            Path file = directory.resolve(fileName(td.family()));
            texts.put(file, TaskDefinitionFormat.write(td).getBytes(StandardCharsets.UTF_8));
            out.add(file);
            List<String> nulls = TaskDefinitionFormat.droppedNulls(td);
            if (!nulls.isEmpty()) {
                report.add(ConversionReport.Kind.NOT_MAPPED, "taskDefinitions[" + i + "]", file.getFileName()
                        + " leaves out the null members " + io.stowage.model.json.NullMembers.describe(nulls, 8)
                        + " (ECS reads them as not set; the AWS CLI refuses them)");
            }
            Set<String> placeholders = new LinkedHashSet<>();
            collectPlaceholders(td.json(), placeholders);
            if (!placeholders.isEmpty()) {
                report.add(ConversionReport.Kind.ASSUMED, "taskDefinitions[" + i + "]", file.getFileName() + " holds "
                        + "the placeholders " + String.join(", ", placeholders) + "; substitute them before registering");
            }
        }
        for (Path file : texts.keySet()) {
            OutputChecks.refuseInputs(file, inputs);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new FileWriteException(directory, Files.exists(directory), e);
        }
        AtomicFiles.writeAll(texts);
        return out;
    }

    /** The files {@link #write} would write into the directory, in design order: to ask before replacing them. */
    public static List<Path> files(Design design, Path directory) {
        return design.taskDefinitionList().stream().map(td -> directory.resolve(fileName(td.family()))).toList();
    }

    /** A family as a file name: families are letters, digits, hyphens and underscores already. */
    static String fileName(String family) {
        return family.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json";
    }

    private static void collectPlaceholders(Json value, Set<String> out) {
        if (value instanceof JsonString s) {
            String found = Placeholders.find(s.value());
            if (found != null) {
                out.add(found);
            }
        } else if (value instanceof JsonArray array) {
            array.items().forEach(item -> collectPlaceholders(item, out));
        } else if (value instanceof JsonObject object) {
            object.members().forEach((key, item) -> {
                // Commands run in a shell, where ${X} is the shell's, not a template's.
                if (!key.equals("command") && !key.equals("entryPoint")) {
                    collectPlaceholders(item, out);
                }
            });
        }
    }
}
