package io.stowage.format;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link AtomicFiles}: {@code .NAME.PID.N.tmp} beside the file NAME, hidden, and named
 * after the process that writes them so that one left by a writer that was killed can be told from one being
 * written right now. Created without explicit permissions, so they (and the file they become) get what the
 * user's umask gives, as every other program's files do.
 */
public final class TempFiles {
    /** Older Stowage versions named them {@code .NAME.RANDOM.tmp}; none of those is written for this long. */
    static final Duration LEGACY_AGE = Duration.ofMinutes(10);

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Temporary files this process is writing now: never leftovers, even though the process is alive. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private TempFiles() {
    }

    /** Creates an empty temporary file beside the target (never an existing one). */
    static Path create(Path target) throws IOException {
        while (true) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + PID + "." + SEQUENCE.incrementAndGet() + ".tmp");
            IN_FLIGHT.add(temp);
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                IN_FLIGHT.remove(temp);
            } catch (IOException | RuntimeException e) {
                IN_FLIGHT.remove(temp);
                throw e;
            }
        }
    }

    /** The temporary file is gone (moved over its target, or deleted). */
    static void done(Path temp) {
        IN_FLIGHT.remove(temp);
    }

    /**
     * The temporary files an interrupted write of this file left behind: their writer is no longer running (or
     * is this process and no longer writing them), or they have the older naming and are long past any write.
     */
    public static List<Path> leftovers(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        List<Path> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        Pattern ours = Pattern.compile("\\." + Pattern.quote(absolute.getFileName().toString())
                + "\\.(\\d{1,19})(?:\\.(\\d{1,19}))?\\.tmp");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + glob(absolute.getFileName().toString()) + ".*.tmp")) {
            for (Path file : files) {
                Matcher name = ours.matcher(file.getFileName().toString());
                if (name.matches() && abandoned(file, name)) {
                    out.add(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder we cannot list holds no leftovers we could remove.
        }
        out.sort(null);
        return out;
    }

    /** Removes what {@link #leftovers} finds; returns what it removed. */
    public static List<Path> removeLeftovers(Path target) {
        List<Path> removed = new ArrayList<>();
        for (Path leftover : leftovers(target)) {
            try {
                if (Files.deleteIfExists(leftover)) {
                    removed.add(leftover);
                }
            } catch (IOException e) {
                // Not ours to remove after all (another user's folder): leave it.
            }
        }
        return removed;
    }

    private static boolean abandoned(Path file, Matcher name) {
        if (name.group(2) == null) {
            return olderThan(file, LEGACY_AGE);
        }
        long pid;
        try {
            pid = Long.parseLong(name.group(1));
        } catch (NumberFormatException e) {
            return olderThan(file, LEGACY_AGE);
        }
        if (pid == PID) {
            return !IN_FLIGHT.contains(file.toAbsolutePath());
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static boolean olderThan(Path file, Duration age) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    /** The name with the glob's special characters escaped. */
    private static String glob(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
