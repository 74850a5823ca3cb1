package io.stowage.engine;

/**
 * An engine (a Docker daemon, an ECS endpoint) could not be reached at all, as opposed to one that answered
 * with an error. Callers show the message as it is, so it names the address that was tried.
 */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
