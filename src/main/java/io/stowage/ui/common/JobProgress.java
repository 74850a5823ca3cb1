package io.stowage.ui.common;

/** What a running {@link Job} tells the window, from its own thread. */
public interface JobProgress {

    /**
     * @param message  what it does now, e.g. "Pulling nginx:1.27 (12 of 40 MB)"
     * @param fraction done so far between 0 and 1, or negative when unknown
     */
    void report(String message, double fraction);

    /** Whether the user asked to stop; a job that sees it returns or throws as soon as it safely can. */
    boolean cancelled();
}
