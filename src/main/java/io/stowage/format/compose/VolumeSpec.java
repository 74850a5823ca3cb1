package io.stowage.format.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's volume in compose's short syntax, {@code [SOURCE:]TARGET[:MODE]}: no source is an anonymous
 * volume; a source that starts with {@code .}, {@code /}, {@code ~} or a drive letter is a bind mount of a host
 * path; any other source names a volume. MODE is a comma-separated list ({@code ro}, {@code rw}, {@code z},
 * {@code Z}, {@code nocopy}, propagation...).
 *
 * @param source  the host path or volume name, or null for an anonymous volume
 * @param target  the path inside the container
 * @param options the mode options, in order
 */
record VolumeSpec(String source, String target, List<String> options) {

    static VolumeSpec parseShort(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':' && !isDriveColon(text, i, start)) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return switch (parts.size()) {
            case 1 -> new VolumeSpec(null, parts.get(0), List.of());
            case 2 -> parts.get(1).startsWith("/") || isWindowsPath(parts.get(1))
                    ? new VolumeSpec(parts.get(0), parts.get(1), List.of())
                    : new VolumeSpec(null, parts.get(0), options(parts.get(1)));
            default -> new VolumeSpec(parts.get(0), parts.get(1), options(String.join(":", parts.subList(2, parts.size()))));
        };
    }

    boolean isBind() {
        return source != null && (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")
                || isWindowsPath(source) || source.startsWith("\\\\"));
    }

    boolean readOnly() {
        return options.contains("ro");
    }

    private static List<String> options(String text) {
        List<String> out = new ArrayList<>();
        for (String option : text.split(",")) {
            if (!option.isBlank()) {
                out.add(option.strip());
            }
        }
        return List.copyOf(out);
    }

    /** A colon right after a single drive letter at the start of a part: {@code C:\data}. */
    private static boolean isDriveColon(String text, int colon, int partStart) {
        return colon == partStart + 1 && Character.isLetter(text.charAt(partStart)) && colon + 1 < text.length()
                && (text.charAt(colon + 1) == '\\' || text.charAt(colon + 1) == '/');
    }

    private static boolean isWindowsPath(String text) {
        return text.length() >= 3 && Character.isLetter(text.charAt(0)) && text.charAt(1) == ':'
                && (text.charAt(2) == '\\' || text.charAt(2) == '/');
    }
}
