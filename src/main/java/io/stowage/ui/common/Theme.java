package io.stowage.ui.common;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Window;

import java.util.prefs.Preferences;

/**
 * Light or dark. Both live in the one application stylesheet: the dark theme is a style class on each window's
 * root that redefines the palette's looked-up colours, so switching is instant and every window follows.
 */
public enum Theme {
    LIGHT, DARK;

    static final String PREFERENCE = "theme";
    public static final String DARK_CLASS = "theme-dark";
    private static Theme current = LIGHT;

    public static Theme current() {
        return current;
    }

    /** The theme remembered in the preferences, light when none. */
    public static Theme remembered(Preferences preferences) {
        try {
            return Theme.valueOf(preferences.get(PREFERENCE, LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return LIGHT;
        }
    }

    /** Makes this the theme of every open window and of those opened later, and remembers it. */
    public void use(Preferences preferences) {
        current = this;
        if (preferences != null) {
            preferences.put(PREFERENCE, name());
        }
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null) {
                applyTo(window.getScene());
            }
        }
    }

    /** Gives a scene the current theme (windows opened after a switch call this). */
    public static void applyCurrent(Scene scene) {
        current.applyTo(scene);
    }

    private void applyTo(Scene scene) {
        Parent root = scene.getRoot();
        root.getStyleClass().remove(DARK_CLASS);
        if (this == DARK) {
            root.getStyleClass().add(DARK_CLASS);
        }
    }
}
