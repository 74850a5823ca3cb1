package io.stowage.testsupport;

import org.testfx.api.FxToolkit;
import org.testfx.service.support.FiredEvents;

import java.lang.reflect.Field;

/**
 * TestFX records every event fired on the test stage, with its target: a test that checks what the application
 * lets go, or measures its heap, forgets them first, since the application itself keeps none.
 */
public final class TestFxEvents {
    private TestFxEvents() {
    }

    public static void forget() {
        try {
            Field field = FxToolkit.toolkitContext().getClass().getDeclaredField("firedEvents");
            field.setAccessible(true);
            ((FiredEvents) field.get(FxToolkit.toolkitContext())).clearEvents();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this TestFX keeps its fired events elsewhere", e);
        }
    }
}
