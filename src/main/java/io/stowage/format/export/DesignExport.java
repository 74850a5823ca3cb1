package io.stowage.format.export;

import io.stowage.format.AtomicFiles;
import io.stowage.format.ConversionReport;
import io.stowage.format.OutputChecks;
import io.stowage.format.TaskDefinitionExport;
import io.stowage.format.cloudformation.CloudFormationExport;
import io.stowage.format.compose.ComposeExport;
import io.stowage.model.design.Design;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One design out to the formats pipelines deploy: task-definition files, a compose file, a CloudFormation
 * template. The command line and the desktop application both export through here.
 */
public final class DesignExport {
    /** What to export to. */
    public enum Target {
        /** One RegisterTaskDefinition JSON file per family, into a directory. */
        TASKDEFS("taskdefs", "a directory"),
        /** One compose file that runs the design with Docker Compose. */
        COMPOSE("compose", "a file (compose.yaml)"),
        /** One CloudFormation template (YAML, or JSON when the file name ends in .json). */
        CLOUDFORMATION("cloudformation", "a file (template.yaml)");

        private final String id;
        private final String output;

        Target(String id, String output) {
            this.id = id;
            this.output = output;
        }

        /** The name the command line takes. */
        public String id() {
            return id;
        }

        /** What the output path is. */
        public String output() {
            return output;
        }

        public static Target of(String id) {
            for (Target target : values()) {
                if (target.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return target;
                }
            }
            throw new IllegalArgumentException("unknown export target " + id);
        }
    }

    /**
     * @param written the files written
     * @param report  what the target cannot express, item by item, with design-file paths
     */
    public record Result(List<Path> written, ConversionReport report) {
    }

    private DesignExport() {
    }

    /**
     * Writes the export; each file atomically, never over the design file itself.
     *
     * @param designFile the design's file, against which relative build contexts resolve; null when it has none
     */
    public static Result write(Design design, Path designFile, Target target, Path output) throws IOException {
        ConversionReport report;
        List<Path> inputs = designFile == null ? List.of() : List.of(designFile);
        switch (target) {
            case TASKDEFS -> {
                report = new ConversionReport();
                return new Result(TaskDefinitionExport.write(design, output, report, inputs), report);
            }
            case COMPOSE -> {
                Path designDirectory = designFile == null ? null : designFile.toAbsolutePath().getParent();
                OutputChecks.refuseInputs(output, inputs);
                ComposeExport.Result result = ComposeExport.export(design, designDirectory,
                        output.toAbsolutePath().getParent());
                AtomicFiles.write(output, result.text());
                return new Result(List.of(output), result.report());
            }
            default -> {
                boolean json = output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
                OutputChecks.refuseInputs(output, inputs);
                CloudFormationExport.Result result = CloudFormationExport.export(design);
                AtomicFiles.write(output, json ? result.json() : result.yaml());
                return new Result(List.of(output), result.report());
            }
        }
    }
}
