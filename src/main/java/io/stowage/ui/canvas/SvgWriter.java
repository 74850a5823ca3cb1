package io.stowage.ui.canvas;

import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.RadialGradient;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Transform;

import java.util.List;
import java.util.Locale;

/**
 * Writes what a group of nodes shows as SVG, by walking the nodes as the canvas draws them: each region's
 * backgrounds and borders as rectangles, each text as text, curves and arrow heads as paths, with the colours,
 * fonts and dashes the stylesheet gave them. So the picture is the canvas, in whatever theme, and scales in slides.
 */
final class SvgWriter {
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Group root;
    private Transform sceneToRoot;

    private SvgWriter(Group root) {
        this.root = root;
    }

    /**
     * @param root       the group whose local coordinates are the picture's
     * @param area       the part of those coordinates to show
     * @param background the picture's background, or null for none
     */
    static String write(Group root, javafx.geometry.Rectangle2D area, Paint background) {
        SvgWriter writer = new SvgWriter(root);
        writer.document(area, background);
        return writer.out.toString();
    }

    private void document(javafx.geometry.Rectangle2D area, Paint background) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" viewBox=\"%s %s %s %s\">\n",
                num(area.getWidth()), num(area.getHeight()), num(area.getMinX()), num(area.getMinY()),
                num(area.getWidth()), num(area.getHeight())));
        if (background != null) {
            out.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"%s/>\n",
                    num(area.getMinX()), num(area.getMinY()), num(area.getWidth()), num(area.getHeight()),
                    paint("fill", background)));
        }
        try {
            sceneToRoot = root.getLocalToSceneTransform().createInverse();
        } catch (javafx.scene.transform.NonInvertibleTransformException e) {
            sceneToRoot = Transform.scale(1, 1);
        }
        for (Node child : root.getChildrenUnmodifiable()) {
            node(child, 1);
        }
        out.append("</svg>\n");
    }

    private void node(Node node, double opacity) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        double alpha = opacity * node.getOpacity();
        String transform = transform(node);
        if (node instanceof Region region) {
            region(region, transform, alpha);
        }
        if (node instanceof Text text) {
            text(text, transform, alpha);
        } else if (node instanceof CubicCurve curve) {
            shape(curve, String.format(Locale.ROOT, "<path d=\"M%s %s C%s %s %s %s %s %s\"",
                    num(curve.getStartX()), num(curve.getStartY()), num(curve.getControlX1()), num(curve.getControlY1()),
                    num(curve.getControlX2()), num(curve.getControlY2()), num(curve.getEndX()), num(curve.getEndY())),
                    transform, alpha);
        } else if (node instanceof Polygon polygon) {
            StringBuilder points = new StringBuilder();
            List<Double> p = polygon.getPoints();
            for (int i = 0; i + 1 < p.size(); i += 2) {
                points.append(i == 0 ? "" : " ").append(num(p.get(i))).append(',').append(num(p.get(i + 1)));
            }
            shape(polygon, "<polygon points=\"" + points + "\"", transform, alpha);
        } else if (node instanceof Line line) {
            shape(line, String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"", num(line.getStartX()),
                    num(line.getStartY()), num(line.getEndX()), num(line.getEndY())), transform, alpha);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                node(child, alpha);
            }
        }
    }

    private void region(Region region, String transform, double alpha) {
        double width = region.getWidth();
        double height = region.getHeight();
        Background background = region.getBackground();
        if (background != null) {
            for (BackgroundFill fill : background.getFills()) {
                if (fill.getFill() == null || isTransparent(fill.getFill())) {
                    continue;
                }
                Insets in = fill.getInsets();
                rect(in.getLeft(), in.getTop(), width - in.getLeft() - in.getRight(), height - in.getTop() - in.getBottom(),
                        fill.getRadii(), paint("fill", fill.getFill()), transform, alpha);
            }
        }
        Border border = region.getBorder();
        if (border != null) {
            for (BorderStroke stroke : border.getStrokes()) {
                border(stroke, width, height, transform, alpha);
            }
        }
    }

    private void border(BorderStroke stroke, double width, double height, String transform, double alpha) {
        var widths = stroke.getWidths();
        Paint top = stroke.getTopStroke();
        boolean uniform = widths.getTop() == widths.getRight() && widths.getTop() == widths.getBottom()
                && widths.getTop() == widths.getLeft() && top.equals(stroke.getRightStroke())
                && top.equals(stroke.getBottomStroke()) && top.equals(stroke.getLeftStroke());
        Insets in = stroke.getInsets();
        double x = in.getLeft();
        double y = in.getTop();
        double w = width - in.getLeft() - in.getRight();
        double h = height - in.getTop() - in.getBottom();
        if (uniform) {
            double sw = widths.getTop();
            if (isTransparent(top) || sw <= 0) {
                return;
            }
            rect(x + sw / 2, y + sw / 2, w - sw, h - sw, shrink(stroke.getRadii(), sw / 2),
                    " fill=\"none\"" + paint("stroke", top) + " stroke-width=\"" + num(sw) + "\""
                            + dash(stroke.getTopStyle()), transform, alpha);
            return;
        }
        // Sides that differ (a container's thick essential edge): one filled band per side.
        side(x, y, w, widths.getTop(), top, transform, alpha);
        side(x + w - widths.getRight(), y, widths.getRight(), h, stroke.getRightStroke(), transform, alpha);
        side(x, y + h - widths.getBottom(), w, widths.getBottom(), stroke.getBottomStroke(), transform, alpha);
        side(x, y, widths.getLeft(), h, stroke.getLeftStroke(), transform, alpha);
    }

    private void side(double x, double y, double w, double h, Paint paint, String transform, double alpha) {
        if (w > 0 && h > 0 && paint != null && !isTransparent(paint)) {
            rect(x, y, w, h, CornerRadii.EMPTY, paint("fill", paint), transform, alpha);
        }
    }

    private void rect(double x, double y, double w, double h, CornerRadii radii, String attributes, String transform,
                      double alpha) {
        if (w <= 0 || h <= 0) {
            return;
        }
        double r = radii == null ? 0 : Math.min(radii.getTopLeftHorizontalRadius(), Math.min(w, h) / 2);
        out.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", num(x), num(y),
                num(w), num(h)));
        if (r > 0) {
            out.append(" rx=\"").append(num(r)).append('"');
        }
        out.append(attributes).append(transform).append(opacity(alpha)).append("/>\n");
    }

    private void text(Text text, String transform, double alpha) {
        String content = text.getText();
        if (content == null || content.isBlank()) {
            return;
        }
        Bounds bounds = text.getLayoutBounds();
        Font font = text.getFont();
        String style = font.getStyle().toLowerCase(Locale.ROOT);
        out.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-family=\"%s\" font-size=\"%s\"",
                num(bounds.getMinX()), num(bounds.getMinY() + text.getBaselineOffset()),
                escape("'" + font.getFamily() + "', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif"), num(font.getSize())));
        if (style.contains("bold")) {
            out.append(" font-weight=\"bold\"");
        }
        if (style.contains("italic") || style.contains("oblique")) {
            out.append(" font-style=\"italic\"");
        }
        out.append(paint("fill", text.getFill() == null ? Color.BLACK : text.getFill())).append(transform)
                .append(opacity(alpha)).append(" xml:space=\"preserve\">").append(escape(content)).append("</text>\n");
    }

    private void shape(Shape shape, String start, String transform, double alpha) {
        out.append(start);
        Paint fill = shape.getFill();
        out.append(fill == null || isTransparent(fill) ? " fill=\"none\"" : paint("fill", fill));
        Paint stroke = shape.getStroke();
        if (stroke != null && !isTransparent(stroke) && shape.getStrokeWidth() > 0) {
            out.append(paint("stroke", stroke)).append(" stroke-width=\"").append(num(shape.getStrokeWidth())).append('"');
            if (!shape.getStrokeDashArray().isEmpty()) {
                out.append(" stroke-dasharray=\"");
                List<Double> dashes = shape.getStrokeDashArray();
                for (int i = 0; i < dashes.size(); i++) {
                    out.append(i == 0 ? "" : " ").append(num(dashes.get(i)));
                }
                out.append('"');
            }
        }
        out.append(transform).append(opacity(alpha)).append("/>\n");
    }

    /** The node's coordinates in the root's, as an SVG transform attribute (empty when there is none). */
    private String transform(Node node) {
        Transform toRoot = sceneToRoot.createConcatenation(node.getLocalToSceneTransform());
        if (toRoot.getMxx() == 1 && toRoot.getMyy() == 1 && toRoot.getMxy() == 0 && toRoot.getMyx() == 0) {
            if (toRoot.getTx() == 0 && toRoot.getTy() == 0) {
                return "";
            }
            return " transform=\"translate(" + num(toRoot.getTx()) + " " + num(toRoot.getTy()) + ")\"";
        }
        return String.format(Locale.ROOT, " transform=\"matrix(%s %s %s %s %s %s)\"", num(toRoot.getMxx()),
                num(toRoot.getMyx()), num(toRoot.getMxy()), num(toRoot.getMyy()), num(toRoot.getTx()), num(toRoot.getTy()));
    }

    private static String dash(BorderStrokeStyle style) {
        if (style == null || style.getDashArray().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" stroke-dasharray=\"");
        List<Double> dashes = style.getDashArray();
        for (int i = 0; i < dashes.size(); i++) {
            out.append(i == 0 ? "" : " ").append(num(dashes.get(i)));
        }
        return out.append('"').toString();
    }

    private static CornerRadii shrink(CornerRadii radii, double by) {
        if (radii == null) {
            return CornerRadii.EMPTY;
        }
        return new CornerRadii(Math.max(0, radii.getTopLeftHorizontalRadius() - by));
    }

    private static String opacity(double alpha) {
        return alpha >= 1 ? "" : " opacity=\"" + num(alpha) + "\"";
    }

    private static boolean isTransparent(Paint paint) {
        return paint instanceof Color c && c.getOpacity() == 0;
    }

    private static String paint(String attribute, Paint paint) {
        Color color = colorOf(paint);
        String out = String.format(Locale.ROOT, " %s=\"#%02x%02x%02x\"", attribute, Math.round(color.getRed() * 255),
                Math.round(color.getGreen() * 255), Math.round(color.getBlue() * 255));
        return color.getOpacity() < 1 ? out + " " + attribute + "-opacity=\"" + num(color.getOpacity()) + "\"" : out;
    }

    /** A colour for a paint; gradients (the default theme's buttons) become their first stop. */
    private static Color colorOf(Paint paint) {
        if (paint instanceof Color color) {
            return color;
        }
        if (paint instanceof LinearGradient gradient && !gradient.getStops().isEmpty()) {
            return gradient.getStops().get(0).getColor();
        }
        if (paint instanceof RadialGradient gradient && !gradient.getStops().isEmpty()) {
            return gradient.getStops().get(0).getColor();
        }
        return Color.GRAY;
    }

    private static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
