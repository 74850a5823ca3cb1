package io.stowage.ui.shell;

import io.stowage.format.document.OpenDocument;
import io.stowage.format.document.RecoveryStore;
import io.stowage.edit.DeleteElements;
import io.stowage.edit.Edit;
import io.stowage.edit.EditHistory;
import io.stowage.edit.Fragment;
import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.rules.Finding;
import io.stowage.ui.common.Selection;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The main window: menu bar, toolbar, palette, canvas, inspector, a bottom area of tabs (problems now; the live
 * view and logs join it later) and a status bar, around one open document. It opens the last document, or the
 * example on first start, and offers what a crash left unsaved.
 */
public final class MainWindow {
    private final String version;
    private final Supplier<OpenDocument> firstDocument;
    private final io.stowage.ui.common.TaskExecutor tasks = new io.stowage.ui.common.TaskExecutor();
    private final io.stowage.ui.common.WindowState state = new io.stowage.ui.common.WindowState(tasks);
    private final Selection selection = state.selection();
    private final ProblemsPanel problems = new ProblemsPanel(selection, state.analysis());
    private final StackPane canvasArea = new StackPane();
    private final StackPane inspectorArea = new StackPane();
    private final TabPane bottom = new TabPane();
    private final StackPane placementHolder = new StackPane();
    private final Tab placementTab = new Tab("Placement", placementHolder);
    /** The canvas above, the bottom area's tabs below. */
    private final SplitPane middle = new SplitPane();
    private final Label status = new Label("Ready");
    private final Label counts = new Label();
    private final WorkAreas areas;
    private final Palette palette = new Palette();
    private final FileActions files;
    private final ExportActions export = new ExportActions(this);
    private final ImportActions importing = new ImportActions(this);
    private final DesignExportActions designExport = new DesignExportActions(this);
    private FileChoices fileChoices = FileChoices.platform();
    private final LiveWiring live = new LiveWiring(tasks);
    /** Survives opening another document, so elements can be copied from one design into another. */
    private Fragment clipboard;
    private Stage stage;
    private EditHistory followed;
    private final java.util.function.Consumer<EditHistory> chromeListener = h -> {
        keepSelectionInDesign();
        refreshChrome();
    };
    private MainMenus menus;
    private java.util.prefs.Preferences preferences;
    /** A key is down: a menu command now comes from its shortcut, not from a click. */
    private boolean keyDown;

    public MainWindow(String version, Supplier<OpenDocument> firstDocument, RecentFiles recent, WorkAreas areas) {
        this.version = version;
        this.firstDocument = firstDocument;
        this.areas = areas;
        this.files = new FileActions(this, recent);
    }

    /** Autosaves unsaved changes into the store at this interval, and offers what it holds on start. */
    public MainWindow withRecovery(RecoveryStore store, javafx.util.Duration interval) {
        files.useRecovery(store, interval);
        return this;
    }

    /** Where File › Import and File › Export ask for files: the platform's choosers unless a test answers. */
    public MainWindow withFileChoices(FileChoices choices) {
        fileChoices = choices;
        return this;
    }

    /** Where the theme is remembered; without it the theme is light and not remembered. */
    public MainWindow withPreferences(java.util.prefs.Preferences value) {
        preferences = value;
        return this;
    }

    public void show(Stage stage) {
        this.stage = stage;
        AppIcons.applyTo(stage);
        menus = new MainMenus(this);
        BorderPane root = new BorderPane();
        root.setId("main-window");
        javafx.scene.control.MenuBar menuBar = menus.menuBar();
        javafx.scene.control.ToolBar toolBar = menus.toolBar();
        root.setTop(new VBox(menuBar, toolBar));
        root.setCenter(workArea());
        HBox statusBar = statusBar();
        root.setBottom(statusBar);
        live.install(this, menuBar, toolBar, bottom, statusBar, preferences != null ? preferences
                : java.util.prefs.Preferences.userRoot().node("io/stowage"), () -> {
                    if (middle.getDividerPositions()[0] > 0.62) {
                        middle.setDividerPositions(0.6);
                    }
                });
        Scene scene = new Scene(root, 1280, 820);
        scene.getStylesheets().add(MainWindow.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        HistoryKeys.install(scene, () -> state.history());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> keyDown = true);
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> keyDown = false);
        // Ctrl+= and the keypad's + and - zoom too, as in browsers.
        // Ctrl+Shift+= is how "Ctrl++" is typed on most keyboards: the key is =, Shift held or not.
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(KeyCode.EQUALS,
                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), () -> areas.zoomBy(1.25));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Add"), () -> areas.zoomBy(1.25));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Subtract"), () -> areas.zoomBy(0.8));
        if (preferences != null) {
            io.stowage.ui.common.Theme.remembered(preferences).use(null);
        }
        io.stowage.ui.common.Theme.applyCurrent(scene);
        files.acceptFileDrops(scene);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!mayClose("closing")) {
                e.consume();
            }
        });
        display(firstDocument.get());
        stage.show();
        Platform.runLater(files::offerRecovery);
    }

    /** Writes the recovery file now, if there are unsaved changes and recovery is on; completes when written. */
    public java.util.concurrent.CompletableFuture<Void> autosaveNow() {
        return files.autosave() == null ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : files.autosave().saveNow();
    }

    public OpenDocument document() {
        return state.document();
    }

    /** This window's state: its document, selection, findings and placement, background jobs. */
    public io.stowage.ui.common.WindowState state() {
        return state;
    }

    /** Shows another document in place of this one, without asking (the caller did). */
    public void replaceWith(OpenDocument other) {
        display(other);
    }

    /** Opens files as the user would from File › Open (asking first about unsaved changes). */
    public void open(Path file) {
        files.open(List.of(file));
    }

    public void open(List<Path> paths) {
        files.open(paths);
    }

    Stage stage() {
        return stage;
    }

    String version() {
        return version;
    }

    FileActions files() {
        return files;
    }

    ExportActions export() {
        return export;
    }

    FileChoices fileChoices() {
        return fileChoices;
    }

    ImportActions importing() {
        return importing;
    }

    DesignExportActions designExport() {
        return designExport;
    }

    /** Writes the picture of the whole design, as PNG or SVG by the file's extension; completes when written. */
    public java.util.concurrent.CompletableFuture<Void> exportPicture(Path file) {
        return file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg") ? export.exportSvg(file)
                : export.exportPng(file);
    }

    Selection selection() {
        return selection;
    }

    /** The live view: the Run menu's actions, and the tasks, events and logs they show. */
    public io.stowage.ui.live.LiveArea liveArea() {
        return live.live();
    }

    public io.stowage.ui.live.LiveActions liveActions() {
        return live.actions();
    }

    /** Simulate mode: the design played on a virtual clock into the same live view. */
    public io.stowage.ui.sim.SimulateControl simulate() {
        return live.simulate();
    }

    /** Runs this window's background jobs: Docker and AWS calls, imports, exports, file writes. */
    public io.stowage.ui.common.TaskExecutor tasks() {
        return tasks;
    }

    WorkAreas areas() {
        return areas;
    }

    void display(OpenDocument opened) {
        display(opened, null);
    }

    void display(OpenDocument opened, String recoveredKey) {
        if (followed != null) {
            followed.removeListener(chromeListener);
        }
        state.setDocument(opened);
        selection.clear();
        EditHistory history = opened.history();
        canvasArea.getChildren().setAll(areas.canvas(state));
        inspectorArea.getChildren().setAll(areas.inspector(state));
        Node placement = areas.placementView(state);
        // The tab keeps one holder; swapping the tab's own content would leave the old view with the tab skin.
        placementHolder.getChildren().setAll(placement == null ? List.of() : List.of(placement));
        if (placement == null) {
            bottom.getTabs().remove(placementTab);
        } else if (!bottom.getTabs().contains(placementTab)) {
            bottom.getTabs().add(1, placementTab);
        }
        problems.follow(history);
        followed = history;
        history.addListener(chromeListener);
        files.displayed(opened, recoveredKey);
        status.setText(opened.file() == null ? "Not saved yet"
                : String.join(", ", opened.files().stream().map(Path::toString).toList()));
        refreshChrome();
        // A run of this design that the local agent holds (left running, or up --detach) shows in the live view.
        live.actions().designShown();
    }

    /**
     * After an edit (an undone add, a delete in the JSON text) the selection holds only elements the design still
     * has, so the inspector and the canvas never show one that is gone.
     */
    private void keepSelectionInDesign() {
        if (selection.elements().isEmpty()) {
            return;
        }
        java.util.Set<ElementId> ids = state.history().current().elementIds();
        List<ElementId> kept = selection.elements().stream().filter(ids::contains).toList();
        if (kept.size() != selection.elements().size()) {
            selection.selectAll(kept);
        }
    }

    /** The same document after a save: its files may have changed (Save As), its history has not. */
    void replaceDocument(OpenDocument saved) {
        state.setDocument(saved);
        refreshChrome();
    }

    private void refreshChrome() {
        EditHistory history = state.history();
        stage.setTitle((history.isUnsaved() ? "• " : "") + state.document().displayName() + " — Stowage");
        menus.refresh(history);
        List<Finding> findings = problems.findings();
        long errors = findings.stream().filter(Finding::isError).count();
        long warnings = findings.size() - errors;
        counts.setText(errors + (errors == 1 ? " error, " : " errors, ") + warnings
                + (warnings == 1 ? " warning" : " warnings"));
        bottom.getTabs().get(0).setText(findings.isEmpty() ? "Problems" : "Problems (" + findings.size() + ")");
    }

    void setStatus(String text) {
        status.setText(text);
    }

    /** File › Quit: asks as the window's close button does (unsaved changes, a local run), then closes. */
    void quit() {
        if (mayClose("quitting")) {
            stage.close();
        }
    }

    /**
     * Whether the window may close now: unsaved changes are saved or dropped, and a local run is left running or
     * stopped. "Stop and Close" answers false and closes the window itself once the run has stopped.
     */
    private boolean mayClose(String doing) {
        return files.confirmDiscard(doing) && live.actions().mayClose(stage::close);
    }

    /**
     * Runs an edit command on the canvas selection, unless its shortcut was pressed while typing in a form or
     * working a list (there Delete, Ctrl+C or Ctrl+D mean something else, or nothing).
     */
    void onSelection(Runnable command) {
        Node focus = stage.getScene().getFocusOwner();
        boolean editing = focus instanceof javafx.scene.control.TextInputControl
                || focus instanceof javafx.scene.control.ComboBoxBase || focus instanceof javafx.scene.control.ListView
                || focus instanceof javafx.scene.control.TableView;
        if (!(keyDown && editing)) {
            command.run();
        }
    }

    /** Deletes what is selected on the canvas in one undoable edit. */
    void deleteSelection() {
        Edit edit = DeleteElements.of(state.history().current(), selection.elements());
        if (edit != null) {
            selection.clear();
            state.history().push(edit);
            status.setText(edit.description());
        }
    }

    void copySelection() {
        Fragment copied = Fragment.copy(state.history().current(), selection.elements());
        if (!copied.isEmpty()) {
            clipboard = copied;
            int n = selection.elements().size();
            status.setText("Copied " + n + (n == 1 ? " element" : " elements"));
        }
    }

    void paste() {
        pasteFragment(clipboard);
    }

    void duplicate() {
        pasteFragment(Fragment.copy(state.history().current(), selection.elements()));
    }

    /** Pastes into the selected task definition or cluster (or where the elements came from) and selects the copies. */
    private void pasteFragment(Fragment fragment) {
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
        Fragment.PasteResult result = fragment.pasteClear(state.history().current(), family, cluster);
        if (result != null) {
            state.history().push(result.edit());
            selection.selectAll(result.created());
            status.setText(result.edit().description());
        }
    }

    /** Opens the comparison of two task definitions, the left one the selected task definition. */
    public io.stowage.ui.compare.CompareWindow compareTaskDefinitions() {
        String family = null;
        for (ElementId at = selection.primary(); at != null; at = at.parent()) {
            if (ElementId.TASK_DEFINITION.equals(at.kind())) {
                family = at.localId();
            }
        }
        io.stowage.ui.compare.CompareWindow window = new io.stowage.ui.compare.CompareWindow(
                state.history().current(), family, stage, stage.getScene().getStylesheets());
        window.show();
        return window;
    }

    public void setTheme(io.stowage.ui.common.Theme theme) {
        theme.use(preferences);
        menus.refreshTheme();
    }

    public void selectElement(ElementId id) {
        selection.select(id);
    }

    public void fitToView() {
        areas.fitToView();
    }

    /** Explains the ECS concept of the selected element (F1); with nothing selected, starts with the cluster. */
    public io.stowage.ui.common.ConceptsWindow aboutConcept() {
        return io.stowage.ui.common.ConceptsWindow.show(io.stowage.ui.common.Concept.of(selection.primary()), stage);
    }

    /** Shows the placement explanation of the selected service's or task's tasks. */
    public void explainPlacement() {
        if (bottom.getTabs().contains(placementTab)) {
            bottom.getSelectionModel().select(placementTab);
        }
    }

    /** Lays the whole design out anew, as one undoable edit. */
    void autoLayout() {
        state.history().apply("Auto layout", design -> design.withLayout(
                AutoLayout.arrange(design.withLayout(Layout.EMPTY))));
    }

    void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.initOwner(stage);
        alert.show();
        status.setText(header + ": " + message);
    }

    /** A tab of the bottom area, e.g. the live view of a later issue; it goes after Problems. */
    public void addBottomTab(Tab tab) {
        tab.setClosable(false);
        bottom.getTabs().add(tab);
    }

    private SplitPane workArea() {
        ScrollPane paletteScroll = new ScrollPane(palette.node());
        paletteScroll.setFitToWidth(true);
        TitledPane palettePane = panel("Palette", "palette", paletteScroll);
        new PaletteDropTarget(canvasArea, palette, areas, () -> state.history(), selection, status::setText).install();
        canvasArea.setId("canvas");
        new CanvasMenu(this).install(canvasArea);
        canvasArea.getStyleClass().add("canvas");
        // Delete, copy, paste and duplicate keys act on the canvas selection only, never while typing in a form.
        // With Shift they are other commands (Ctrl+Shift+D compares), left to the menus' accelerators.
        canvasArea.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            boolean plain = e.isShortcutDown() && !e.isShiftDown() && !e.isAltDown();
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                deleteSelection();
            } else if (plain && e.getCode() == KeyCode.C) {
                copySelection();
            } else if (plain && e.getCode() == KeyCode.V) {
                paste();
            } else if (plain && e.getCode() == KeyCode.D) {
                duplicate();
            } else {
                return;
            }
            e.consume();
        });
        TitledPane inspector = panel("Inspector", "inspector", inspectorArea);
        Tab problemsTab = new Tab("Problems", problems.node());
        problemsTab.setId("tab-problems");
        problemsTab.setClosable(false);
        bottom.getTabs().add(problemsTab);
        placementTab.setId("tab-placement");
        placementTab.setClosable(false);
        placementTab.setTooltip(new javafx.scene.control.Tooltip(
                "Where the scheduler puts the selected task, and why each container instance was kept or dropped"));
        // Clicking a task chip explains it: bring the explanation forward.
        selection.taskProperty().addListener((obs, was, task) -> {
            if (task != null && bottom.getTabs().contains(placementTab)) {
                bottom.getSelectionModel().select(placementTab);
            }
        });
        bottom.setId("bottom-tabs");
        bottom.getStyleClass().add("bottom-tabs");
        middle.getItems().setAll(canvasArea, bottom);
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(bottom, false);
        SplitPane split = new SplitPane(palettePane, middle, inspector);
        split.setDividerPositions(0.12, 0.705);
        palettePane.setMinWidth(150);
        inspector.setMinWidth(300);
        SplitPane.setResizableWithParent(palettePane, false);
        SplitPane.setResizableWithParent(inspector, false);
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
