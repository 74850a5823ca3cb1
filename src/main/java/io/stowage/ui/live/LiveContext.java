package io.stowage.ui.live;

import io.stowage.model.design.Design;
import io.stowage.ui.common.TaskExecutor;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the live actions need of the window: the open design and its file, the one background-job runner, the
 * live area they feed, where dialogs belong, how to say something went wrong, and how to open a new design.
 *
 * @param design     the open design now
 * @param file       its file, or null when unsaved
 * @param jobs       runs Docker and AWS calls off the JavaFX thread
 * @param live       the tasks, events and logs views
 * @param owner      the window dialogs belong to
 * @param problem    shows a problem: a title and a message saying what to do next
 * @param openDesign opens a design (an imported cluster) as a new, unsaved document
 */
public record LiveContext(Supplier<Design> design, Supplier<Path> file, TaskExecutor jobs, LiveArea live,
                          Supplier<Window> owner, Problem problem, Consumer<Design> openDesign) {

    /** Shows a problem to the user. */
    @FunctionalInterface
    public interface Problem {
        void show(String title, String message);
    }
}
