package io.stowage.model.rules;

public enum Severity {
    ERROR, WARNING;

    /** The word users read in reports: error, warning. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
