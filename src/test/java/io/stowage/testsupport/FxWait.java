package io.stowage.testsupport;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Reading the scene on the JavaFX thread, and waiting for what the application does on its own threads. */
public final class FxWait {
    private FxWait() {
    }

    /** Runs {@code read} on the JavaFX thread and returns what it gives (within 10 s). */
    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds, failing after {@code seconds}. */
    public static void await(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    /** Waits until {@code found} gives something other than null, and returns it; fails after {@code seconds}. */
    public static <T> T await(int seconds, Callable<T> found) throws Exception {
        Object[] holder = new Object[1];
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> (holder[0] = found.call()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }
}
