package io.stowage.ui.common;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.List;

/**
 * "About this concept": a small window that explains the ECS concept of an element (what a container instance
 * is, a task definition against a task, the task role against the execution role...), with the other concepts
 * a click away. One window per application, brought forward and turned to the concept asked for.
 */
public final class ConceptsWindow {
    private static ConceptsWindow shared;

    private final Stage stage = new Stage();
    private final ListView<Concept> list = new ListView<>();
    private final Label title = new Label();
    private final Label note = new Label();
    private final Label sources = new Label();
    private final FlowPane seeAlso = new FlowPane(8, 4);

    private ConceptsWindow(Window owner) {
        list.getItems().setAll(Concept.values());
        list.setId("concept-list");
        list.setPrefWidth(230);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Concept concept, boolean empty) {
                super.updateItem(concept, empty);
                setText(empty || concept == null ? null : concept.title());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, concept) -> showNote(concept));
        title.setId("concept-title");
        title.getStyleClass().add("concept-title");
        note.setId("concept-note");
        note.getStyleClass().add("concept-note");
        note.setWrapText(true);
        sources.setId("concept-sources");
        sources.getStyleClass().add("concept-sources");
        sources.setWrapText(true);
        seeAlso.setId("concept-see-also");
        VBox page = new VBox(10, title, note, seeAlso, sources);
        page.setPadding(new Insets(14));
        page.getStyleClass().add("concept-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        BorderPane root = new BorderPane(scroll);
        root.setLeft(list);
        root.setId("concepts");
        root.getStyleClass().add("concepts");
        Scene scene = new Scene(root, 760, 420);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        Theme.applyCurrent(scene);
        stage.setScene(scene);
        EscapeCloses.install(stage);
        stage.setTitle("ECS concepts — Stowage");
    }

    /** Shows the note of the concept, opening the window or bringing it forward. */
    public static ConceptsWindow show(Concept concept, Window owner) {
        if (shared == null || shared.stage.getOwner() != owner) {
            if (shared != null) {
                shared.stage.close();
            }
            shared = new ConceptsWindow(owner);
        }
        if (owner != null && owner.getScene() != null) {
            shared.stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        shared.list.getSelectionModel().select(concept == null ? Concept.CLUSTER : concept);
        shared.stage.show();
        shared.stage.toFront();
        return shared;
    }

    public Stage stage() {
        return stage;
    }

    /** The concept shown now. */
    public Concept concept() {
        return list.getSelectionModel().getSelectedItem();
    }

    private void showNote(Concept concept) {
        if (concept == null) {
            return;
        }
        title.setText(concept.title());
        note.setText(concept.note());
        sources.setText("Sources: " + concept.sources());
        List<Hyperlink> links = concept.seeAlso().stream().map(other -> {
            Hyperlink link = new Hyperlink(other.title());
            link.setId("concept-see-" + other.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            link.setOnAction(e -> list.getSelectionModel().select(other));
            return link;
        }).toList();
        Label label = new Label("See also:");
        seeAlso.getChildren().setAll(label);
        seeAlso.getChildren().addAll(links);
    }
}
