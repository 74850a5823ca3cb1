package io.stowage.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/** Keeps the libraries' INFO and DEBUG out of the file even while {@code --verbose} lets them reach the screen. */
final class LibraryFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
        String logger = event.getLoggerName();
        boolean library = StowageLog.LIBRARIES.stream().anyMatch(logger::startsWith);
        return library && !event.getLevel().isGreaterOrEqual(Level.WARN) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
