package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/** The menu bar and the undo/redo controls, whose labels say what they undo ("Undo Move 3 elements"). */
final class MainMenus {
    private final MainWindow window;
    private final MenuItem undo = item("Undo", "menu-undo", "Shortcut+Z");
    private final MenuItem redo = item("Redo", "menu-redo", "Shortcut+Y");
    private final Button undoButton = new Button("Undo");
    private final Button redoButton = new Button("Redo");

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
    }

    MenuBar menuBar() {
        MenuItem newDesign = item("New Design", "menu-new", "Shortcut+N");
        newDesign.setOnAction(e -> window.newDesign());
        MenuItem open = item("Open…", "menu-open", "Shortcut+O");
        open.setOnAction(e -> window.open());
        MenuItem save = item("Save", "menu-save", "Shortcut+S");
        save.setOnAction(e -> window.save());
        MenuItem saveAs = item("Save As…", "menu-save-as", "Shortcut+Shift+S");
        saveAs.setOnAction(e -> window.saveAs());
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q");
        quit.setOnAction(e -> window.quit());
        Menu file = new Menu("File", null, newDesign, open, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        MenuItem delete = new MenuItem("Delete");
        delete.setId("menu-delete");
        delete.setOnAction(e -> window.deleteSelection());
        MenuItem copy = new MenuItem("Copy");
        copy.setId("menu-copy");
        copy.setOnAction(e -> window.copySelection());
        MenuItem paste = new MenuItem("Paste");
        paste.setId("menu-paste");
        paste.setOnAction(e -> window.paste());
        MenuItem duplicate = new MenuItem("Duplicate");
        duplicate.setId("menu-duplicate");
        duplicate.setOnAction(e -> window.duplicate());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), copy, paste, duplicate, delete);
        edit.setId("menu-edit");
        MenuItem fit = item("Fit to Window", "menu-fit", "Shortcut+9");
        fit.setOnAction(e -> window.fitToView());
        MenuItem actual = item("Actual Size", "menu-zoom-100", "Shortcut+0");
        actual.setOnAction(e -> window.zoomTo100());
        MenuItem arrange = item("Auto Layout", "menu-auto-layout", "Shortcut+Shift+L");
        arrange.setOnAction(e -> window.autoLayout());
        Menu view = new Menu("View", null, fit, actual, new SeparatorMenuItem(), arrange);
        view.setId("menu-view");
        MenuItem about = new MenuItem("About Stowage");
        about.setId("menu-about");
        about.setOnAction(e -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, "Stowage " + window.version()
                    + "\nDesign Amazon ECS layouts, run them on Docker, deploy them to ECS.");
            alert.setHeaderText("Stowage");
            alert.initOwner(window.stage());
            alert.show();
        });
        Menu help = new Menu("Help", null, about);
        help.setId("menu-help");
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    Button undoButton() {
        return undoButton;
    }

    Button redoButton() {
        return redoButton;
    }

    void refresh(EditHistory history) {
        undo.setText(history.undoDescription());
        redo.setText(history.redoDescription());
        undo.setDisable(!history.canUndo());
        redo.setDisable(!history.canRedo());
        undoButton.setDisable(!history.canUndo());
        redoButton.setDisable(!history.canRedo());
        undoButton.setTooltip(new javafx.scene.control.Tooltip(history.undoDescription()));
        redoButton.setTooltip(new javafx.scene.control.Tooltip(history.redoDescription()));
    }

    private static MenuItem item(String text, String id, String accelerator) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        return item;
    }
}
