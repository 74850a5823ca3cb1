package io.stowage.engine.local;

import com.github.dockerjava.api.exception.DockerException;

import java.io.IOException;
import java.net.SocketException;

/** Reading docker-java's exceptions: whether the engine went away, and the message worth showing. */
final class DockerErrors {

    private DockerErrors() {
    }

    /** Whether the call failed because nothing answered (as opposed to an answer that was an error). */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DockerException) {
                return false;
            }
            if (t instanceof IOException || t instanceof SocketException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The engine's own message when it answered with an error, else the root cause's. */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DockerException d) {
                String body = d.getMessage();
                // docker-java prefixes "Status 404: {"message":"..."}"; keep the engine's words.
                int at = body.indexOf("\"message\":\"");
                if (at >= 0) {
                    String rest = body.substring(at + 11);
                    int end = rest.lastIndexOf('"');
                    return (end > 0 ? rest.substring(0, end) : rest).replace("\\\"", "\"").strip();
                }
                return body.strip();
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            }
        }
        return String.valueOf(e);
    }
}
