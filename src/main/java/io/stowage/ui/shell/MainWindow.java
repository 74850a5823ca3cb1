package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import io.stowage.edit.DeleteElements;
import io.stowage.edit.Edit;
import io.stowage.edit.Fragment;
import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.rules.Finding;
import io.stowage.ui.common.Selection;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The main window: menu bar, toolbar, palette, canvas, inspector, problems and status bar, around one open
 * document. It opens the last design, or the example on first start; it asks before discarding changes.
 */
public final class MainWindow {
    private final String version;
    private final Supplier<OpenDocument> firstDocument;
    private final RecentFiles recent;
    private final Selection selection = new Selection();
    private final ProblemsPanel problems = new ProblemsPanel(selection);
    private final StackPane canvasArea = new StackPane();
    private final StackPane inspectorArea = new StackPane();
    private final Label status = new Label("Ready");
    private final Label counts = new Label();
    private final WorkAreas areas;
    private final Palette palette = new Palette();
    /** Survives opening another document, so elements can be copied from one design into another. */
    private Fragment clipboard;
    private Stage stage;
    private OpenDocument document;
    private MainMenus menus;

    public MainWindow(String version, Supplier<OpenDocument> firstDocument, RecentFiles recent, WorkAreas areas) {
        this.version = version;
        this.firstDocument = firstDocument;
        this.recent = recent;
        this.areas = areas;
    }

    public void show(Stage stage) {
        this.stage = stage;
        AppIcons.applyTo(stage);
        menus = new MainMenus(this);
        BorderPane root = new BorderPane();
        root.setId("main-window");
        root.setTop(new VBox(menus.menuBar(), toolBar()));
        root.setCenter(workArea());
        root.setBottom(statusBar());
        Scene scene = new Scene(root, 1280, 820);
        scene.getStylesheets().add(MainWindow.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard("closing")) {
                e.consume();
            }
        });
        display(firstDocument.get());
        stage.show();
    }

    OpenDocument document() {
        return document;
    }

    Stage stage() {
        return stage;
    }

    String version() {
        return version;
    }

    void display(OpenDocument opened) {
        document = opened;
        selection.clear();
        EditHistory history = opened.history();
        canvasArea.getChildren().setAll(areas.canvas(history, selection));
        inspectorArea.getChildren().setAll(areas.inspector(history, selection));
        problems.follow(history);
        history.addListener(h -> refreshChrome());
        if (opened.file() != null) {
            recent.remember(opened.file());
        }
        refreshChrome();
    }

    private void refreshChrome() {
        EditHistory history = document.history();
        stage.setTitle((history.isUnsaved() ? "• " : "") + document.displayName() + " — Stowage");
        menus.refresh(history);
        List<Finding> findings = problems.findings();
        long errors = findings.stream().filter(Finding::isError).count();
        counts.setText(errors + (errors == 1 ? " error, " : " errors, ") + (findings.size() - errors)
                + (findings.size() - errors == 1 ? " warning" : " warnings"));
        status.setText(document.file() == null ? "Not saved yet" : document.file().toString());
    }

    void newDesign() {
        if (confirmDiscard("starting a new design")) {
            display(OpenDocument.untitled(Design.empty("Untitled")));
        }
    }

    void open() {
        if (!confirmDiscard("opening another file")) {
            return;
        }
        FileChooser chooser = chooser("Open a design or a task definition");
        java.io.File file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Opens a file; one that cannot be read is reported and nothing else changes. */
    public void open(Path file) {
        try {
            display(DocumentFiles.open(file));
        } catch (UnreadableFileException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
        }
    }

    boolean save() {
        if (document.file() == null) {
            return saveAs();
        }
        return saveTo(null);
    }

    boolean saveAs() {
        FileChooser chooser = chooser("Save the design");
        chooser.setInitialFileName(document.history().current().name() + DesignFormat.EXTENSION);
        java.io.File file = chooser.showSaveDialog(stage);
        return file != null && saveTo(file.toPath());
    }

    private boolean saveTo(Path target) {
        try {
            OpenDocument saved = DocumentFiles.save(document, target);
            if (saved != document) {
                document = saved;
                recent.remember(saved.file());
            }
            refreshChrome();
            return true;
        } catch (IOException e) {
            error("Cannot save", e.getMessage());
            return false;
        }
    }

    /** Whether unsaved changes may be dropped: nothing unsaved, saved now, or the user chose to discard them. */
    boolean confirmDiscard(String reason) {
        if (document == null || !document.history().isUnsaved()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "Your changes to " + document.displayName() + " will be lost if you don't save them.",
                save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Save changes before " + reason + "?");
        alert.initOwner(stage);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        return answer.get() != save || save();
    }

    void quit() {
        if (confirmDiscard("quitting")) {
            stage.close();
        }
    }

    /** Deletes what is selected on the canvas in one undoable edit. */
    void deleteSelection() {
        Edit edit = DeleteElements.of(document.history().current(), selection.elements());
        if (edit != null) {
            selection.clear();
            document.history().push(edit);
            status.setText(edit.description());
        }
    }

    void copySelection() {
        Fragment copied = Fragment.copy(document.history().current(), selection.elements());
        if (!copied.isEmpty()) {
            clipboard = copied;
            status.setText("Copied " + selection.elements().size() + (selection.elements().size() == 1 ? " element" : " elements"));
        }
    }

    void paste() {
        pasteFragment(clipboard, 24);
    }

    void duplicate() {
        pasteFragment(Fragment.copy(document.history().current(), selection.elements()), 24);
    }

    /** Pastes into the selected task definition or cluster (or where the elements came from) and selects the copies. */
    private void pasteFragment(Fragment fragment, double offset) {
        if (fragment == null || fragment.isEmpty()) {
            return;
        }
        String family = null;
        String cluster = null;
        for (ElementId at = selection.primary(); at != null; at = at.parent()) {
            if (family == null && ElementId.TASK_DEFINITION.equals(at.kind())) {
                family = at.localId();
            }
            if (cluster == null && ElementId.CLUSTER.equals(at.kind())) {
                cluster = at.localId();
            }
        }
        Fragment.PasteResult result = fragment.pasteInto(document.history().current(), family, cluster, offset, offset);
        if (result != null) {
            document.history().push(result.edit());
            selection.selectAll(result.created());
            status.setText(result.edit().description());
        }
    }

    /** Lays the whole design out anew, as one undoable edit. */
    void autoLayout() {
        document.history().apply("Auto layout", design -> design.withLayout(
                AutoLayout.arrange(design.withLayout(Layout.EMPTY))));
    }

    void fitToView() {
        areas.fitToView();
    }

    void zoomTo100() {
        areas.zoomTo100();
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Designs and task definitions", "*.stowage.json", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (document.file() != null && document.file().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(document.file().toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    private void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.initOwner(stage);
        alert.show();
        status.setText(header + ": " + message);
    }

    private ToolBar toolBar() {
        ToolBar bar = new ToolBar(
                button("New", "tool-new", this::newDesign), button("Open", "tool-open", this::open),
                button("Save", "tool-save", this::save),
                menus.undoButton(), menus.redoButton(),
                button("Fit", "tool-fit", this::fitToView), button("100%", "tool-zoom-100", this::zoomTo100));
        bar.setId("tool-bar");
        return bar;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        button.setFocusTraversable(false);
        return button;
    }

    private SplitPane workArea() {
        ScrollPane paletteScroll = new ScrollPane(palette.node());
        paletteScroll.setFitToWidth(true);
        TitledPane palettePane = panel("Palette", "palette", paletteScroll);
        new PaletteDropTarget(canvasArea, palette, areas, () -> document.history(), selection, status::setText).install();
        canvasArea.setId("canvas");
        // Delete, copy, paste and duplicate keys act on the canvas selection only, never while typing in a form.
        canvasArea.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                deleteSelection();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copySelection();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.V) {
                paste();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.D) {
                duplicate();
                e.consume();
            }
        });
        canvasArea.getStyleClass().add("canvas");
        TitledPane inspector = panel("Inspector", "inspector", inspectorArea);
        TitledPane problemsPane = panel("Problems", "problems", problems.node());
        SplitPane middle = new SplitPane(canvasArea, problemsPane);
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(0.78);
        SplitPane split = new SplitPane(palettePane, middle, inspector);
        split.setDividerPositions(0.15, 0.70);
        return split;
    }

    private static TitledPane panel(String title, String id, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setId(id);
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }

    private HBox statusBar() {
        status.setId("status-text");
        counts.setId("status-counts");
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, counts);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
