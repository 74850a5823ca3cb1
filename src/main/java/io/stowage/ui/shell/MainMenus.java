package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import io.stowage.format.export.DesignExport;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;
import java.util.List;

/**
 * The menu bar and the toolbar. Every command has a stable id and, where one is common, a keyboard shortcut;
 * undo and redo say what they undo ("Undo Move 3 elements").
 */
final class MainMenus {
    private final MainWindow window;
    private final MenuItem undo = item("Undo", "menu-undo", "Shortcut+Z");
    private final MenuItem redo = item("Redo", "menu-redo", "Shortcut+Y");
    private final Button undoButton = new Button("Undo");
    private final Button redoButton = new Button("Redo");
    private final Menu recentMenu = new Menu("Open Recent");
    private final javafx.scene.control.RadioMenuItem light = new javafx.scene.control.RadioMenuItem("Light");
    private final javafx.scene.control.RadioMenuItem dark = new javafx.scene.control.RadioMenuItem("Dark");

    MainMenus(MainWindow window) {
        this.window = window;
        undo.setOnAction(e -> window.document().history().undo());
        redo.setOnAction(e -> window.document().history().redo());
        undoButton.setId("tool-undo");
        redoButton.setId("tool-redo");
        undoButton.setOnAction(e -> window.document().history().undo());
        redoButton.setOnAction(e -> window.document().history().redo());
        undoButton.setFocusTraversable(false);
        redoButton.setFocusTraversable(false);
        undoButton.setTooltip(new Tooltip("Undo (Ctrl+Z)"));
        redoButton.setTooltip(new Tooltip("Redo (Ctrl+Y)"));
    }

    MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu(), editMenu(), viewMenu(), toolsMenu(), helpMenu());
        bar.setId("menu-bar");
        return bar;
    }

    private Menu fileMenu() {
        FileActions files = window.files();
        MenuItem newDesign = item("New Design", "menu-new", "Shortcut+N", files::newDesign);
        MenuItem open = item("Open…", "menu-open", "Shortcut+O", files::open);
        recentMenu.setId("menu-recent");
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        MenuItem save = item("Save", "menu-save", "Shortcut+S", files::save);
        MenuItem saveAs = item("Save As…", "menu-save-as", "Shortcut+Shift+S", files::saveAs);
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q", window::quit);
        Menu export = new Menu("Export Picture", null,
                item("As PNG…", "menu-export-png", "Shortcut+Shift+E", () -> window.export().exportPng()),
                item("As SVG…", "menu-export-svg", null, () -> window.export().exportSvg()));
        export.setId("menu-export");
        MenuItem importFiles = item("Import…", "menu-import", "Shortcut+I", () -> window.importing().importFiles());
        Menu exportDesign = new Menu("Export", null,
                item("Task Definitions to a Folder…", "menu-export-taskdefs", null,
                        () -> window.designExport().export(DesignExport.Target.TASKDEFS)),
                item("Compose File…", "menu-export-compose", null,
                        () -> window.designExport().export(DesignExport.Target.COMPOSE)),
                item("CloudFormation Template…", "menu-export-cloudformation", null,
                        () -> window.designExport().export(DesignExport.Target.CLOUDFORMATION)));
        exportDesign.setId("menu-export-design");
        Menu file = new Menu("File", null, newDesign, open, recentMenu, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), importFiles, exportDesign, export, new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        return file;
    }

    private Menu editMenu() {
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(),
                item("Copy", "menu-copy", "Shortcut+C", () -> window.onSelection(window::copySelection)),
                item("Paste", "menu-paste", "Shortcut+V", () -> window.onSelection(window::paste)),
                item("Duplicate", "menu-duplicate", "Shortcut+D", () -> window.onSelection(window::duplicate)),
                item("Delete", "menu-delete", "Delete", () -> window.onSelection(window::deleteSelection)));
        edit.setId("menu-edit");
        return edit;
    }

    private Menu viewMenu() {
        WorkAreas areas = window.areas();
        Menu view = new Menu("View", null,
                item("Zoom In", "menu-zoom-in", "Shortcut+Plus", () -> areas.zoomBy(1.25)),
                item("Zoom Out", "menu-zoom-out", "Shortcut+Minus", () -> areas.zoomBy(0.8)),
                item("Fit to Window", "menu-fit", "Shortcut+9", areas::fitToView),
                item("Actual Size", "menu-zoom-100", "Shortcut+0", areas::zoomTo100),
                new SeparatorMenuItem(),
                item("Auto Layout", "menu-auto-layout", "Shortcut+Shift+L", window::autoLayout),
                new SeparatorMenuItem(), themeMenu());
        view.setId("menu-view");
        return view;
    }

    private Menu themeMenu() {
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        light.setToggleGroup(group);
        dark.setToggleGroup(group);
        light.setId("menu-theme-light");
        dark.setId("menu-theme-dark");
        light.setOnAction(e -> window.setTheme(io.stowage.ui.common.Theme.LIGHT));
        dark.setOnAction(e -> window.setTheme(io.stowage.ui.common.Theme.DARK));
        refreshTheme();
        Menu theme = new Menu("Theme", null, light, dark);
        theme.setId("menu-theme");
        return theme;
    }

    void refreshTheme() {
        boolean isDark = io.stowage.ui.common.Theme.current() == io.stowage.ui.common.Theme.DARK;
        dark.setSelected(isDark);
        light.setSelected(!isDark);
    }

    private Menu toolsMenu() {
        Menu tools = new Menu("Tools", null,
                item("Compare Task Definitions…", "menu-compare", "Shortcut+Shift+D", window::compareTaskDefinitions),
                item("Explain Placement", "menu-explain-placement", "Shortcut+E", window::explainPlacement));
        tools.setId("menu-tools");
        return tools;
    }

    private Menu helpMenu() {
        MenuItem about = item("About Stowage", "menu-about", null, () -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, "Stowage " + window.version()
                    + "\nDesign Amazon ECS layouts, run them on Docker, deploy them to ECS.");
            alert.setHeaderText("Stowage");
            alert.initOwner(window.stage());
            alert.show();
        });
        MenuItem concept = item("About This Concept", "menu-concept", "F1", window::aboutConcept);
        MenuItem log = item("Show Log", "menu-show-log", null,
                () -> io.stowage.ui.common.LogWindow.show(window.stage(), window.version()));
        MenuItem diagnostics = item("Copy Diagnostics", "menu-copy-diagnostics", null,
                () -> io.stowage.ui.common.LogWindow.copyDiagnostics(window.version()));
        Menu help = new Menu("Help", null, concept, new SeparatorMenuItem(), log, diagnostics, new SeparatorMenuItem(), about);
        help.setId("menu-help");
        return help;
    }

    private void fillRecent() {
        List<List<Path>> entries = window.files().recent().entries();
        recentMenu.getItems().clear();
        for (int i = 0; i < entries.size(); i++) {
            List<Path> entry = entries.get(i);
            String name = entry.get(0).getFileName() + (entry.size() > 1 ? " and " + (entry.size() - 1) + " more" : "");
            MenuItem item = item(name, "menu-recent-" + i, null, () -> window.files().open(entry));
            item.setMnemonicParsing(false);
            recentMenu.getItems().add(item);
        }
        MenuItem clear = item("Clear Recent", "menu-recent-clear", null, () -> window.files().recent().clear());
        clear.setDisable(entries.isEmpty());
        if (!entries.isEmpty()) {
            recentMenu.getItems().add(new SeparatorMenuItem());
        }
        recentMenu.getItems().add(clear);
    }

    ToolBar toolBar() {
        FileActions files = window.files();
        WorkAreas areas = window.areas();
        ToolBar bar = new ToolBar(
                button("New", "tool-new", "New design (Ctrl+N)", files::newDesign),
                button("Open", "tool-open", "Open a design or task-definition files (Ctrl+O)", files::open),
                button("Save", "tool-save", "Save (Ctrl+S)", files::save),
                new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                undoButton, redoButton,
                new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                button("Fit", "tool-fit", "Fit the design to the window (Ctrl+9)", areas::fitToView),
                button("100%", "tool-zoom-100", "Actual size (Ctrl+0)", areas::zoomTo100));
        bar.setId("tool-bar");
        return bar;
    }

    void refresh(EditHistory history) {
        undo.setText(history.undoDescription());
        redo.setText(history.redoDescription());
        undo.setDisable(!history.canUndo());
        redo.setDisable(!history.canRedo());
        undoButton.setDisable(!history.canUndo());
        redoButton.setDisable(!history.canRedo());
        // The same tooltips with new texts: a new tooltip is a new window, and this runs on every edit.
        undoButton.getTooltip().setText(history.undoDescription() + " (Ctrl+Z)");
        redoButton.getTooltip().setText(history.redoDescription() + " (Ctrl+Y)");
    }

    static MenuItem item(String text, String id, String accelerator) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        return item;
    }

    static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = item(text, id, accelerator);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String text, String id, String tooltip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        button.setFocusTraversable(false);
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }
}
