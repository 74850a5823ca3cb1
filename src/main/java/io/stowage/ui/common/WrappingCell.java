package io.stowage.ui.common;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;

/**
 * A list cell whose text wraps in the list's width, so a long line (an event, a problem) is read whole without
 * scrolling sideways; a Labeled's own wrapping would be cut with "..." at the cell's one-line height. The text
 * is {@link #shownText()}; colours come from the stylesheet through the style class {@code wrapping-cell-text}.
 */
public abstract class WrappingCell<T> extends ListCell<T> {
    private final Text text = new Text();

    protected WrappingCell(ListView<T> list) {
        text.getStyleClass().add("wrapping-cell-text");
        text.wrappingWidthProperty().bind(list.widthProperty().subtract(36));
        getStyleClass().add("wrapping-cell");
        setPrefWidth(0);
        // The cell takes the wrapped text's height: a list cell is otherwise one line high (-fx-cell-size).
        text.layoutBoundsProperty().addListener((obs, was, now) -> fit());
    }

    private void fit() {
        setPrefHeight(getGraphic() == null ? USE_COMPUTED_SIZE
                : Math.max(24, Math.ceil(text.getLayoutBounds().getHeight()) + 10));
    }

    /**
     * Has the list measure its cells again when its width changes: a wrapped line's height depends on it, and the
     * list keeps the heights it measured (e.g. while its tab was hidden and the list had no width).
     */
    public static void remeasureOnResize(ListView<?> list) {
        list.widthProperty().addListener((obs, was, now) -> {
            if (Math.abs(now.doubleValue() - was.doubleValue()) >= 1) {
                list.refresh();
            }
        });
    }

    /** The line shown for an item. */
    protected abstract String line(T item);

    /** Sets style classes or pseudo-classes for an item, or clears them for null. */
    protected void look(T item) {
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            look(null);
            fit();
            return;
        }
        text.setText(line(item));
        setGraphic(text);
        look(item);
        fit();
    }

    /** The whole text shown, as it wraps. */
    public String shownText() {
        return getGraphic() == null ? null : text.getText();
    }
}
