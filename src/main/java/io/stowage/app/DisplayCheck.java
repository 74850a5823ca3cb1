package io.stowage.app;

import java.util.Locale;

/** Whether a window can be opened: on Linux and BSD that takes an X11 or Wayland display. */
final class DisplayCheck {
    private DisplayCheck() {
    }

    static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || "Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
