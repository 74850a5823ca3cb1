package io.stowage.cli;

import io.stowage.engine.ecs.Cancellation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a command that changes an AWS account: instead of the JVM dying mid-call, the
 * command's {@link Cancellation} is set, so it stops before its next change, and the JVM is held until the
 * command has printed its account of what was done (at most two minutes). Closing the hook releases it.
 *
 * <pre>{@code
 * try (CancelOnCtrlC ctrlC = new CancelOnCtrlC("deploy")) {
 *     engine.apply(plan, listener, ctrlC.cancellation());
 * }
 * }</pre>
 */
final class CancelOnCtrlC implements AutoCloseable {
    private static final long HOLD_MINUTES = 2;

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch accounted = new CountDownLatch(1);
    private final Thread hook;

    CancelOnCtrlC(String command) {
        hook = new Thread(() -> {
            cancellation.cancel();
            try {
                accounted.await(HOLD_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stowage-" + command + "-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** The command has given its account: a running hook may let the JVM end, and a later Ctrl-C just ends it. */
    @Override
    public void close() {
        accounted.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and waited for the account.
        }
    }
}
