package io.stowage.ui.common;

import io.stowage.logging.StowageLog;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's last net for a bug of ours: an exception no code caught is written to the log with its stack
 * trace and, on the JavaFX thread, told to the user in words with where the details are.
 */
public final class InternalErrors {
    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

    private InternalErrors() {
    }

    /** Makes this the handler of every thread's uncaught exceptions. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(InternalErrors::uncaught);
    }

    static void uncaught(Thread thread, Throwable error) {
        LOG.error("internal error on thread {}", thread.getName(), error);
        if (Platform.isFxApplicationThread()) {
            Alert alert = new Alert(Alert.AlertType.ERROR, message(error));
            alert.setHeaderText("Stowage hit an internal error");
            alert.show();
        }
    }

    /** What the user reads: what went wrong, and where the stack trace went. */
    public static String message(Throwable error) {
        return error + "\n\nThe details are in the log (Help › Show Log): " + StowageLog.file()
                + ". Help › Copy Diagnostics puts what a bug report needs on the clipboard.";
    }
}
