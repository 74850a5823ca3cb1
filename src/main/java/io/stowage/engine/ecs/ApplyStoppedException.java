package io.stowage.engine.ecs;

/** A change could not be completed for a reason that is neither a refused call nor an unreachable endpoint. */
public class ApplyStoppedException extends RuntimeException {
    public ApplyStoppedException(String message) {
        super(message);
    }
}
