package io.stowage.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stowage's log: SLF4J over logback, set up here and nowhere else. The launcher sends it to a rolling file under
 * the user's Stowage folder ({@code ~/.stowage/logs/stowage.log}, five files of 5 MB at most); the libraries that
 * talk to Docker and AWS write only their warnings and errors there, Stowage's own classes everything. The
 * command line's {@code --verbose} adds the standard error stream at DEBUG for the length of a command.
 * Until {@link #toFile} is called (tests, code used as a library) nothing is logged: {@link SilentUntilSetUp} turns
 * the root logger off.
 */
public final class StowageLog {
    /** Where the log is written: {@code logs/} under this folder. */
    public static final String FILE_NAME = "stowage.log";
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    /** Libraries whose INFO and DEBUG are noise in a bug report (docker-java, its HTTP client, the AWS SDK). */
    static final List<String> LIBRARIES = List.of("com.github.dockerjava", "org.apache.hc", "software.amazon.awssdk");
    private static final String FILE_APPENDER = "stowage-file";
    private static volatile Path currentFile;

    private StowageLog() {
    }

    /** The user's Stowage folder: {@code ~/.stowage}, or the {@code stowage.home} system property when set. */
    public static Path folder() {
        String home = System.getProperty("stowage.home");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".stowage");
    }

    /** The file the log goes to: the one {@link #toFile} opened, or where it would go by default. */
    public static Path file() {
        Path file = currentFile;
        return file != null ? file : folder().resolve("logs").resolve(FILE_NAME);
    }

    /** Whether {@link #toFile} has set up the file. */
    public static boolean writingToFile() {
        return currentFile != null;
    }

    /**
     * Sends the log to {@code folder/logs/stowage.log} (rolled at 5 MB, five files kept), replacing whatever was
     * set up before. Returns the file.
     *
     * @throws IOException when the folder cannot be made
     */
    public static synchronized Path toFile(Path folder) throws IOException {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Path file = logs.resolve(FILE_NAME);
        LoggerContext context = context();
        context.reset();
        context.putProperty("pid", Long.toString(ProcessHandle.current().pid()));

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logs.resolve("stowage.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(4);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %property{pid} [%thread] %logger{36} - %msg%n"));
        LibraryFilter quietLibraries = new LibraryFilter();
        quietLibraries.start();
        appender.addFilter(quietLibraries);
        appender.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        context.getLogger("io.stowage").setLevel(Level.DEBUG);
        quietLibraries(context, Level.WARN);
        currentFile = file;
        return file;
    }

    /** Back to logging nothing, as before {@link #toFile} (the file is closed). */
    public static synchronized void off() {
        LoggerContext context = context();
        context.reset();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        currentFile = null;
    }

    /**
     * Adds {@code err} as a destination of everything at DEBUG (the libraries at INFO; their HTTP wire traces
     * stay out) until the returned handle is closed. The file, when there is one, keeps the libraries at WARN.
     */
    public static synchronized Verbose verbose(PrintWriter err) {
        LoggerContext context = context();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootBefore = root.getLevel();
        Level ownBefore = context.getLogger("io.stowage").getLevel();
        List<Level> librariesBefore = new ArrayList<>();
        for (String library : LIBRARIES) {
            librariesBefore.add(context.getLogger(library).getLevel());
        }
        WriterAppender appender = new WriterAppender(err);
        appender.setContext(context);
        appender.setName("stowage-verbose");
        appender.setEncoder(encoder(context, PATTERN));
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        context.getLogger("io.stowage").setLevel(Level.DEBUG);
        quietLibraries(context, Level.INFO);
        return () -> {
            synchronized (StowageLog.class) {
                root.detachAppender(appender);
                appender.stop();
                root.setLevel(rootBefore);
                context.getLogger("io.stowage").setLevel(ownBefore);
                for (int i = 0; i < LIBRARIES.size(); i++) {
                    context.getLogger(LIBRARIES.get(i)).setLevel(librariesBefore.get(i));
                }
            }
        };
    }

    /** The last {@code lines} lines of the current log file (empty when there is none yet). */
    public static List<String> tail(int lines) {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(the log could not be read: " + e.getMessage() + ")");
        }
    }

    private static void quietLibraries(LoggerContext context, Level level) {
        for (String library : LIBRARIES) {
            context.getLogger(library).setLevel(level);
        }
        // Every byte on the wire at DEBUG: never wanted, not even with --verbose.
        context.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.WARN);
        context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.WARN);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /** What {@link #verbose} returns: closing it takes the stream away again. */
    public interface Verbose extends AutoCloseable {
        @Override
        void close();
    }
}
