package io.stowage.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Works around a Monocle defect: its mouse input remembers the first view a plain mouse drag happened in and
 * never forgets it, so a later drag and drop in another scene first sends "drag left" to that stale view, whose
 * scene never saw the drag enter, and JavaFX reports a NullPointerException. Forgetting the view before a drag
 * and drop makes it behave as on a desktop.
 */
public final class MonocleDnd {
    private MonocleDnd() {
    }

    /** Call on any thread before a test drags and drops; does nothing outside Monocle. */
    public static void forgetStaleDragView() {
        try {
            Class<?> input = Class.forName("com.sun.glass.ui.monocle.MouseInput");
            Method instance = input.getDeclaredMethod("getInstance");
            instance.setAccessible(true);
            Object mouse = instance.invoke(null);
            Field dragView = input.getDeclaredField("dragView");
            dragView.setAccessible(true);
            dragView.set(mouse, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not Monocle, or another version of it: nothing to work around.
        }
    }
}
