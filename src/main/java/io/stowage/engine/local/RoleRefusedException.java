package io.stowage.engine.local;

/** STS would not hand out a role's credentials; the message says why and what the user can change. */
public final class RoleRefusedException extends RuntimeException {
    public RoleRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    public RoleRefusedException(String message) {
        super(message);
    }
}
