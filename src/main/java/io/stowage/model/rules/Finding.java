package io.stowage.model.rules;

import java.util.Objects;

/**
 * One thing a rule found wrong or doubtful in a task definition or design.
 *
 * @param severity error (ECS would refuse it or the task would fail) or warning (allowed, but likely a mistake)
 * @param path where it is, e.g. {@code containerDefinitions[1].portMappings[0].hostPort}; empty for the whole document
 * @param message what is wrong and what is expected, as a sentence a user acts on
 * @param ruleId the stable id of the rule, e.g. {@code fargate-cpu-memory}
 */
public record Finding(Severity severity, String path, String message, String ruleId) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ruleId, "ruleId");
    }

    public static Finding error(String path, String message, String ruleId) {
        return new Finding(Severity.ERROR, path, message, ruleId);
    }

    public static Finding warning(String path, String message, String ruleId) {
        return new Finding(Severity.WARNING, path, message, ruleId);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same finding located inside a larger document, e.g. a task definition inside a design. */
    public Finding under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new Finding(severity, joined, message, ruleId);
    }
}
