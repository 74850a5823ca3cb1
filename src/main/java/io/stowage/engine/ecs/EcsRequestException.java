package io.stowage.engine.ecs;

/** ECS answered a request with an error; carries ECS's own code and words, which users act on. */
public class EcsRequestException extends RuntimeException {

    private final String errorCode;

    public EcsRequestException(String operation, String errorCode, String errorMessage, Throwable cause) {
        super(operation + " failed: " + errorCode + ": " + errorMessage, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
