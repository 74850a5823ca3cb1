package io.stowage.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Writes log lines to the command's own error writer (which tests and the agent may have replaced). */
final class WriterAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final PrintWriter out;
    private Encoder<ILoggingEvent> encoder;

    WriterAppender(PrintWriter out) {
        this.out = out;
    }

    void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        synchronized (out) {
            out.print(line);
            out.flush();
        }
    }
}
