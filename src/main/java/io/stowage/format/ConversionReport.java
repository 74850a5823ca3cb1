package io.stowage.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a conversion between Stowage and another format (compose, CloudFormation) could not carry over exactly,
 * item by item, so that nothing is dropped silently: each item names where it is (the path in the source, and
 * the file and line when the source is a file) and what happened to it.
 */
public final class ConversionReport {
    /** What happened to an item. */
    public enum Kind {
        /** Left out: the target has nothing it could become. */
        NOT_MAPPED("not mapped"),
        /** Carried over, but it means something a little different in the target; the message says how. */
        APPROXIMATED("approximated"),
        /** The source did not say and the target needs it: a value was chosen. */
        ASSUMED("assumed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One item.
     *
     * @param kind     what happened
     * @param path     where in the source, e.g. {@code services.web.networks}, or empty for the whole source
     * @param message  a sentence: what and why, and what to do where something can be done
     * @param file     the source file, or null
     * @param position where in that file, or null
     */
    public record Item(Kind kind, String path, String message, Path file, SourcePosition position) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        /** {@code FILE:LINE:COLUMN: kind: path: message}, leaving out what is unknown. */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            if (file != null) {
                out.append(file);
                if (position != null) {
                    out.append(':').append(position.line()).append(':').append(position.column());
                }
                out.append(": ");
            }
            out.append(kind.label()).append(": ");
            if (!path.isEmpty()) {
                out.append(path).append(": ");
            }
            return out.append(message).toString();
        }
    }

    private final List<Item> items = new ArrayList<>();

    public void add(Item item) {
        items.add(item);
    }

    public void add(Kind kind, String path, String message) {
        add(new Item(kind, path, message, null, null));
    }

    /**
     * Puts the items in reading order: by file (in the order given), then line and column; items without a
     * position keep their order after those of their file.
     */
    public void sort(List<Path> fileOrder) {
        List<Path> order = fileOrder.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        java.util.Comparator<Item> byFile = java.util.Comparator.comparingInt(i -> {
            int index = i.file() == null ? -1 : order.indexOf(i.file().toAbsolutePath().normalize());
            return index < 0 ? order.size() : index;
        });
        items.sort(byFile.thenComparingInt((Item i) -> i.position() == null ? Integer.MAX_VALUE : i.position().line())
                .thenComparingInt(i -> i.position() == null ? Integer.MAX_VALUE : i.position().column()));
    }

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    public List<Item> items(Kind kind) {
        return items.stream().filter(i -> i.kind() == kind).toList();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Whether some item is about this path or something inside it. */
    public boolean mentions(String path) {
        return items.stream().anyMatch(i -> i.path().equals(path) || i.path().startsWith(path + ".")
                || i.path().startsWith(path + "["));
    }
}
