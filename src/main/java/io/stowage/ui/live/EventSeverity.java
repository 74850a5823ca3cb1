package io.stowage.ui.live;

import io.stowage.model.runtime.ClusterEvent;
import javafx.css.PseudoClass;
import javafx.scene.Node;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How bad an event of the feed is, read from its words as a person would: a failure, a warning (something went
 * another way than asked, e.g. a pull failed and the cached image is used), good news (steady state, RUNNING), or
 * plain information. Engines write events as ECS's sentences, without a level, so the feed derives one.
 */
public enum EventSeverity {
    ERROR("error"), WARNING("warning"), OK("ok"), INFO("info");

    private static final Pattern ERRORS = Pattern.compile(
            "error|fail|unable|cannot|could not|refused|exited with code [1-9]|outofmemory|lost|unhealthy"
                    + "|internal error|stopped \\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern WARNINGS = Pattern.compile(
            "cached image|deviation|retry|throttl|draining|timed out|stopping|deactivating|not enforced|warning",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GOOD = Pattern.compile(
            "steady state|^running$|healthy|answers again|^back$|registered|completed|started",
            Pattern.CASE_INSENSITIVE);

    private final PseudoClass pseudoClass;

    EventSeverity(String name) {
        pseudoClass = PseudoClass.getPseudoClass("severity-" + name);
    }

    /** The severity of one event of the feed. */
    public static EventSeverity of(ClusterEvent event) {
        String message = event.message();
        // A note that the run went on anyway ("... (the cached image is used ...)") is a warning, not a failure.
        if (WARNINGS.matcher(message).find()) {
            return WARNING;
        }
        if (ERRORS.matcher(message).find()) {
            return ERROR;
        }
        if (GOOD.matcher(message.strip().toLowerCase(Locale.ROOT)).find()) {
            return OK;
        }
        return INFO;
    }

    /** Sets this severity's pseudo-class on the node and clears the others. */
    public void apply(Node node) {
        for (EventSeverity each : values()) {
            node.pseudoClassStateChanged(each.pseudoClass, each == this);
        }
    }

    /** Clears every severity pseudo-class (an empty cell). */
    public static void clear(Node node) {
        for (EventSeverity each : values()) {
            node.pseudoClassStateChanged(each.pseudoClass, false);
        }
    }
}
