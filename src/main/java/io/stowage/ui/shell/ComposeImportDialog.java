package io.stowage.ui.shell;

import io.stowage.format.compose.ComposeImport;
import io.stowage.ui.common.TaskExecutor;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The choices of a compose import, as {@code stowage import} takes them: the files merged in order (an override
 * file after the file it extends), the profiles whose services to import as well, and whether every service
 * becomes a container of one task definition. The profiles offered are read from the files, off the JavaFX
 * thread, again whenever the list of files changes.
 */
final class ComposeImportDialog {
    /** What the user chose. */
    record Choice(List<Path> files, List<String> profiles, boolean singleTask, boolean inlineEnvFiles) {
        Choice(List<Path> files, List<String> profiles, boolean singleTask) {
            this(files, profiles, singleTask, false);
        }
    }

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ListView<Path> files = new ListView<>();
    private final FlowPane profileBoxes = new FlowPane(12, 6);
    private final Label profileText = new Label();
    private final CheckBox singleTask = new CheckBox("All services in one task definition (keeps depends_on, links "
            + "and volumes_from); otherwise each service becomes a task definition and a service of its own");
    private final CheckBox inlineEnvFiles = new CheckBox("Write the values of .env and env_file into the design; "
            + "otherwise they are kept out of it (these files stay out of version control) and go to the secrets "
            + "file beside the design when it is saved");
    private final Set<String> chosenProfiles = new LinkedHashSet<>();
    private final Map<String, String> environment;
    private final TaskExecutor readers;
    private int reading;

    /**
     * @param profiles  the profiles of the chosen files, read already
     * @param moreFiles asks for more compose files to merge (an override file); empty when none were chosen
     * @param readers   reads the profiles again, off the JavaFX thread, when the files change
     */
    ComposeImportDialog(Window owner, List<Path> chosen, List<String> profiles, Map<String, String> environment,
                        Supplier<List<Path>> moreFiles, TaskExecutor readers) {
        this.environment = environment;
        this.readers = readers;
        dialog.initOwner(owner);
        dialog.setTitle("Import Compose Files");
        dialog.setHeaderText("Import " + chosen.get(0).getFileName() + (chosen.size() > 1 ? " and "
                + (chosen.size() - 1) + " more" : "") + " as a new design");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("compose-import-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ButtonType importButton = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(importButton, ButtonType.CANCEL);

        files.setId("compose-files");
        files.setPrefHeight(110);
        files.getItems().setAll(chosen);
        Button add = new Button("Add Override File…");
        add.setId("compose-add-file");
        add.setOnAction(e -> moreFiles.get().stream().filter(f -> !files.getItems().contains(f))
                .forEach(files.getItems()::add));
        Button remove = new Button("Remove");
        remove.setId("compose-remove-file");
        remove.disableProperty().bind(files.getSelectionModel().selectedItemProperty().isNull()
                .or(javafx.beans.binding.Bindings.size(files.getItems()).lessThan(2)));
        remove.setOnAction(e -> files.getItems().remove(files.getSelectionModel().getSelectedItem()));
        Node importNode = dialog.getDialogPane().lookupButton(importButton);
        importNode.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(files.getItems()));
        files.getItems().addListener((ListChangeListener<Path>) c -> readProfiles());

        profileText.setWrapText(true);
        profileText.setId("compose-profiles-text");
        singleTask.setId("compose-single-task");
        singleTask.setWrapText(true);
        singleTask.setMnemonicParsing(false);
        inlineEnvFiles.setId("compose-inline-env-files");
        inlineEnvFiles.setWrapText(true);
        inlineEnvFiles.setMnemonicParsing(false);
        Label filesLabel = new Label("Files, merged in order (a later file overrides what an earlier one sets):");
        VBox content = new VBox(8, filesLabel, files, new HBox(8, add, remove),
                new Label("Profiles: services without a profile are always imported; tick a profile to import its"
                        + " services too."), profileBoxes, profileText, singleTask, inlineEnvFiles);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(640);
        dialog.getDialogPane().setContent(content);
        showProfiles(profiles, null);
    }

    Optional<Choice> showAndWait() {
        return dialog.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .map(b -> new Choice(List.copyOf(files.getItems()), List.copyOf(chosenProfiles),
                        singleTask.isSelected(), inlineEnvFiles.isSelected()));
    }

    /** Reads the profiles of the files as they are listed now; a newer reading replaces an older one. */
    private void readProfiles() {
        int mine = ++reading;
        List<Path> now = List.copyOf(files.getItems());
        profileText.setText("Reading the profiles…");
        profileText.getStyleClass().remove("compose-import-error");
        readers.task("Reading the profiles", progress -> ComposeImport.profiles(now, environment)).quiet()
                .onSuccess(profiles -> {
                    if (mine == reading) {
                        showProfiles(profiles, null);
                    }
                }).onFailure(failure -> {
                    if (mine == reading) {
                        showProfiles(null, failure);
                    }
                }).start();
    }

    private void showProfiles(List<String> profiles, Throwable failure) {
        profileBoxes.getChildren().clear();
        if (failure != null) {
            profileText.setText("Cannot read the files: " + failure.getMessage());
            profileText.getStyleClass().add("compose-import-error");
            return;
        }
        List<CheckBox> boxes = new ArrayList<>();
        for (String profile : profiles) {
            CheckBox box = new CheckBox(profile);
            box.setId("compose-profile-" + profile.replaceAll("[^A-Za-z0-9_-]", "_"));
            box.setMnemonicParsing(false);
            box.setSelected(chosenProfiles.contains(profile));
            box.selectedProperty().addListener((obs, was, on) -> {
                if (on) {
                    chosenProfiles.add(profile);
                } else {
                    chosenProfiles.remove(profile);
                }
            });
            boxes.add(box);
        }
        chosenProfiles.retainAll(profiles);
        profileBoxes.getChildren().setAll(boxes);
        profileText.setText(profiles.isEmpty() ? "No service of these files belongs to a profile." : "");
        String fromEnvironment = environment.get("COMPOSE_PROFILES");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            profileText.setText(profileText.getText() + " COMPOSE_PROFILES=" + fromEnvironment
                    + " is set, so its profiles are imported as well.");
        }
    }
}
