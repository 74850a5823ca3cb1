package io.stowage.engine.local;

/** A second process for {@link RunLockTest}: takes a design's run lock, says so, and keeps it until killed or stdin ends. */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(args[0], "stowage up held.stowage.json")) {
            System.out.println("held " + lock.owner().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Held until the test closes our stdin or kills us.
            }
        }
    }
}
