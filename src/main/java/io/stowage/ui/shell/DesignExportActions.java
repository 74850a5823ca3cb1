package io.stowage.ui.shell;

import io.stowage.format.document.OpenDocument;
import io.stowage.format.TaskDefinitionExport;
import io.stowage.format.export.DesignExport;
import io.stowage.model.design.Design;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * File › Export: the design as task-definition files into a folder, as a compose file, or as a CloudFormation
 * template, written on the window's worker, each file atomically. An existing file is replaced only after the
 * user said so; afterwards a report says what was written and what the target cannot express.
 */
final class DesignExportActions {
    /** One export at a time: two would race to write the same files. */
    private static final io.stowage.ui.common.TaskExecutor.Lane EXPORTS =
            io.stowage.ui.common.TaskExecutor.Lane.refusing("one export at a time");
    private final MainWindow window;

    DesignExportActions(MainWindow window) {
        this.window = window;
    }

    void export(DesignExport.Target target) {
        Design design = window.document().history().current();
        String base = design.name().isBlank() ? "design" : design.name().replaceAll("[^A-Za-z0-9_.-]+", "-");
        Path output = switch (target) {
            case TASKDEFS -> window.fileChoices().folder(window.stage(), new FileChoices.Request(
                    "Export the task definitions into a folder", directory(), null, List.of()));
            case COMPOSE -> window.fileChoices().saveFile(window.stage(), new FileChoices.Request(
                    "Export as a compose file", directory(), "compose.yaml",
                    List.of(new FileChoices.Filter("Compose files", List.of("*.yaml", "*.yml")))));
            case CLOUDFORMATION -> window.fileChoices().saveFile(window.stage(), new FileChoices.Request(
                    "Export as a CloudFormation template", directory(), base + ".template.yaml",
                    List.of(new FileChoices.Filter("CloudFormation templates", List.of("*.yaml", "*.yml", "*.json")))));
        };
        if (output != null) {
            exportTo(target, output);
        }
    }

    /** Writes the export to the path chosen; asks first where it would replace files. */
    void exportTo(DesignExport.Target target, Path output) {
        if (target != DesignExport.Target.TASKDEFS && Files.isDirectory(output)) {
            window.error("Cannot export", output + " is a folder; choose a file name");
            return;
        }
        Design design = window.document().history().current();
        List<Path> replaced = target == DesignExport.Target.TASKDEFS
                ? TaskDefinitionExport.files(design, output).stream().filter(Files::exists).toList()
                : Files.exists(output) && !window.fileChoices().confirmsOverwrite() ? List.of(output) : List.of();
        if (!replaced.isEmpty() && !confirmReplace(replaced)) {
            window.setStatus("Export cancelled; nothing was written");
            return;
        }
        OpenDocument document = window.document();
        // Build contexts in the design are relative to the design file, when it is one.
        Path designFile = document.kind() == OpenDocument.Kind.DESIGN ? document.file() : null;
        String what = switch (target) {
            case TASKDEFS -> "task definitions";
            case COMPOSE -> "compose file";
            case CLOUDFORMATION -> "CloudFormation template";
        };
        window.tasks().task("Exporting the " + what, progress -> DesignExport.write(design, designFile, target, output))
                .in(EXPORTS).refusedAs("Cannot export now")
                .onSuccess(result -> {
                    String wrote = result.written().size() == 1 ? result.written().get(0).toString()
                            : result.written().size() + " files into " + output;
                    int items = result.report().items().size();
                    String summary = "Wrote " + wrote + "; " + (items == 0 ? "the " + what + " holds everything"
                            : items + " item" + (items == 1 ? "" : "s") + " the " + what + " cannot express exactly");
                    window.setStatus(summary);
                    ConversionReportDialog.show(window.stage(), "export-report", "Export report", summary,
                            result.report(), List.of());
                })
                .onFailure(failure -> window.error("Cannot export the " + what, failure instanceof java.nio.file.FileSystemException
                        || failure instanceof io.stowage.format.FileWriteException ? FileProblems.describe(failure) : output + ": " + FileProblems.describe(failure)))
                .start();
    }

    private boolean confirmReplace(List<Path> files) {
        return confirmReplace(window, files, "Exporting");
    }

    /** Asks before {@code doing} ("Exporting", "Saving") replaces the files; true when the user said Replace. */
    static boolean confirmReplace(MainWindow window, List<Path> files, String doing) {
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.YES);
        String names = String.join(", ", files.stream().limit(6).map(p -> p.getFileName().toString()).toList())
                + (files.size() > 6 ? " and " + (files.size() - 6) + " more" : "");
        Alert alert = new Alert(Alert.AlertType.WARNING, names + (files.size() == 1 ? " already exists in "
                : " already exist in ") + files.get(0).toAbsolutePath().getParent() + ". " + doing + " replaces "
                + (files.size() == 1 ? "it." : "them."), replace, ButtonType.CANCEL);
        alert.setHeaderText(files.size() == 1 ? "Replace " + files.get(0).getFileName() + "?"
                : "Replace " + files.size() + " files?");
        alert.initOwner(window.stage());
        alert.getDialogPane().setId("export-replace-dialog");
        return alert.showAndWait().filter(replace::equals).isPresent();
    }

    private Path directory() {
        Path current = window.document().file();
        return current == null ? null : current.toAbsolutePath().getParent();
    }
}
