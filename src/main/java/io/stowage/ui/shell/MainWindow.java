package io.stowage.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The main window's frame: menu bar, toolbar, palette, canvas, inspector, problems and status bar. The canvas
 * and forms arrive with the design-canvas work; this shell gives them their places and stable ids.
 */
public final class MainWindow {
    private final String version;

    public MainWindow(String version) {
        this.version = version;
    }

    public void show(Stage stage) {
        BorderPane root = new BorderPane();
        root.setId("main-window");
        root.setTop(new VBox(menuBar(stage), toolBar()));
        root.setCenter(workArea());
        root.setBottom(statusBar());
        Scene scene = new Scene(root, 1200, 780);
        scene.getStylesheets().add(MainWindow.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setTitle("Stowage");
        stage.setScene(scene);
        stage.show();
    }

    private MenuBar menuBar(Stage stage) {
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, quit);
        file.setId("menu-file");
        MenuItem about = new MenuItem("About Stowage");
        about.setId("menu-about");
        about.setOnAction(e -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION,
                    "Stowage " + version + "\nDesign Amazon ECS layouts, run them on Docker, deploy them to ECS.");
            alert.setHeaderText("Stowage");
            alert.initOwner(stage);
            alert.show();
        });
        Menu help = new Menu("Help", null, about);
        help.setId("menu-help");
        MenuBar bar = new MenuBar(file, help);
        bar.setId("menu-bar");
        return bar;
    }

    private ToolBar toolBar() {
        ToolBar bar = new ToolBar();
        bar.setId("tool-bar");
        return bar;
    }

    private SplitPane workArea() {
        TitledPane palette = panel("Palette", "palette", "Clusters, instances, services, task definitions and containers.");
        StackPane canvas = new StackPane(placeholder("The design canvas"));
        canvas.setId("canvas");
        canvas.getStyleClass().add("canvas");
        TitledPane inspector = panel("Inspector", "inspector", "Select an element to edit it.");
        TitledPane problems = panel("Problems", "problems", "No design open.");
        SplitPane middle = new SplitPane(canvas, problems);
        middle.setOrientation(javafx.geometry.Orientation.VERTICAL);
        middle.setDividerPositions(0.8);
        SplitPane split = new SplitPane(palette, middle, inspector);
        split.setDividerPositions(0.16, 0.78);
        return split;
    }

    private static TitledPane panel(String title, String id, String hint) {
        TitledPane pane = new TitledPane(title, placeholder(hint));
        pane.setId(id);
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder");
        label.setWrapText(true);
        label.setPadding(new Insets(12));
        return label;
    }

    private HBox statusBar() {
        Label status = new Label("Ready");
        status.setId("status-text");
        HBox bar = new HBox(status);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
