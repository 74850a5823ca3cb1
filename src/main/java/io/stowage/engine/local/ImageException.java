package io.stowage.engine.local;

/**
 * An image could not be built or pushed, in words a user can act on: the builder's or the registry's answer,
 * the image and the context or registry it concerns.
 */
public final class ImageException extends RuntimeException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
