package io.stowage.ui.canvas;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.geometry.Pos;

/** One resource of a container instance: what placed tasks reserve against what the agent registered. */
public final class CapacityBar extends HBox {
    private static final PseudoClass FULL = PseudoClass.getPseudoClass("full");

    private final String resource;
    private final int reserved;
    private final int registered;

    CapacityBar(String resource, int reserved, int registered, String unit) {
        this.resource = resource;
        this.reserved = reserved;
        this.registered = registered;
        getStyleClass().addAll("capacity-bar", resource.toLowerCase());
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(4);
        Label name = new Label(resource);
        name.getStyleClass().add("capacity-name");
        name.setMinWidth(30);
        Region fill = new Region();
        fill.getStyleClass().add("capacity-fill");
        StackPane track = new StackPane(fill);
        track.getStyleClass().add("capacity-track");
        track.setAlignment(Pos.CENTER_LEFT);
        track.setMinHeight(8);
        track.setMaxHeight(8);
        double fraction = fraction();
        fill.setMinWidth(0);
        fill.maxWidthProperty().bind(track.widthProperty().multiply(fraction));
        fill.prefWidthProperty().bind(track.widthProperty().multiply(fraction));
        HBox.setHgrow(track, Priority.ALWAYS);
        track.setMaxWidth(Double.MAX_VALUE);
        Label value = new Label(reserved + " / " + registered + unit);
        value.getStyleClass().add("capacity-value");
        value.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(name, track, value);
        pseudoClassStateChanged(FULL, fraction >= 0.9);
        io.stowage.ui.common.HoverTips.set(this, resource + ": " + reserved + unit + " reserved by placed tasks of "
                + registered + unit + " registered (" + Math.round(fraction * 100) + " %)");
    }

    /** CPU or MEM. */
    public String resource() {
        return resource;
    }

    public int reserved() {
        return reserved;
    }

    public int registered() {
        return registered;
    }

    /** Reserved over registered, between 0 and 1. */
    public double fraction() {
        return registered <= 0 ? 0 : Math.max(0, Math.min(1, (double) reserved / registered));
    }
}
