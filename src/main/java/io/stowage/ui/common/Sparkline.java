package io.stowage.ui.common;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * A small line of the latest samples, scaled to a given top or to its own largest sample. One node is kept and
 * redrawn as samples arrive (the tasks panel, task details and the canvas's live chips each keep theirs).
 */
public final class Sparkline extends Canvas {
    private Color stroke = Color.web("#3e7cb1");
    private List<Double> shown = List.of();

    public Sparkline(double width, double height) {
        super(width, height);
        getStyleClass().add("sparkline");
    }

    public void setStroke(Color value) {
        stroke = value;
    }

    /** The samples drawn now, oldest first. */
    public List<Double> values() {
        return shown;
    }

    /** @param values samples, oldest first; @param max the top of the scale, or 0 to use the largest sample */
    public void show(List<Double> values, double max) {
        shown = List.copyOf(values);
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.clearRect(0, 0, w, h);
        if (values.isEmpty()) {
            return;
        }
        double top = max > 0 ? max : values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        top = top <= 0 ? 1 : top;
        double step = values.size() == 1 ? 0 : w / (values.size() - 1);
        g.setStroke(stroke);
        g.setLineWidth(1.2);
        g.beginPath();
        for (int i = 0; i < values.size(); i++) {
            double x = values.size() == 1 ? w : i * step;
            double y = h - 1 - Math.min(1, values.get(i) / top) * (h - 2);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
