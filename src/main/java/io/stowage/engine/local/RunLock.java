package io.stowage.engine.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run per design at a time: whatever keeps a design's run (a foreground {@code stowage up}, the
 * {@code up --detach} that starts it, the desktop, the local agent) holds this lock for as long as it does, and a
 * second one is refused with the first one's name. The lock is the operating system's ({@link FileChannel#tryLock})
 * on {@code ~/.stowage/runs/<design key>.lock}, so it ends with its process, a kill -9 included: no stale lock to
 * clear by hand. The file says who holds it (pid, command, since when), for the refusal's message; it stays after
 * release, empty, because deleting a lock file races with the next process opening it.
 *
 * <p>Within one process (the desktop, the agent holding several runs) a second acquisition of a held key is refused
 * too: the JVM's file locks are per process, so this class keeps the keys it holds itself.
 */
public final class RunLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();
    private static volatile String processCommand;

    private final String designKey;
    private final FileChannel channel;
    private final FileLock lock;
    private final Owner owner;
    private boolean released;

    /**
     * Who holds a design's run.
     *
     * @param pid     the holding process
     * @param command what it is, in words ({@code stowage up web.stowage.json}, {@code the Stowage desktop})
     * @param started since when it holds the run
     */
    public record Owner(long pid, String command, Instant started) {
        /** {@code process 4242 (stowage up web.stowage.json), since 08:01:02 UTC}. */
        public String describe() {
            String since = started == null ? ""
                    : ", since " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .withZone(ZoneId.of("UTC")).format(started);
            return "process " + pid + (command == null || command.isBlank() ? "" : " (" + command + ")") + since;
        }
    }

    private RunLock(String designKey, FileChannel channel, FileLock lock, Owner owner) {
        this.designKey = designKey;
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
    }

    /**
     * Names what this process is in the locks it takes (the command line sets {@code stowage up FILE}, the desktop
     * {@code the Stowage desktop}); without it, the Java command line.
     */
    public static void describeThisProcess(String command) {
        processCommand = command;
    }

    /** Where a design's lock is kept. */
    public static Path file(String designKey) {
        return RunRecord.folder().resolve(designKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
    }

    /** Takes the design's run for this process, described as {@link #describeThisProcess} said. */
    public static RunLock acquire(String designKey) {
        return acquire(designKey, thisProcess());
    }

    /**
     * Takes the design's run for this process.
     *
     * @param command what holds it, in words, for the message of whoever is refused
     * @throws RunLockedException when another process, or another run of this process, holds it
     * @throws UncheckedIOException when the lock file cannot be made (the Stowage folder not writable)
     */
    public static RunLock acquire(String designKey, String command) {
        if (!HELD_HERE.add(designKey)) {
            throw new RunLockedException(designKey, holder(designKey).orElse(
                    new Owner(ProcessHandle.current().pid(), command, null)));
        }
        FileChannel channel = null;
        try {
            Path file = file(designKey);
            RunRecord.createPrivateFolder(file.getParent().getParent());
            RunRecord.createPrivateFolder(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                Owner other = holder(designKey).orElse(new Owner(0, "another Stowage process", null));
                throw new RunLockedException(designKey, other);
            }
            Owner owner = new Owner(ProcessHandle.current().pid(), command, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            ObjectNode said = JSON.createObjectNode();
            said.put("designKey", designKey);
            said.put("pid", owner.pid());
            said.put("command", owner.command());
            said.put("started", owner.started().toString());
            byte[] bytes = JSON.writeValueAsBytes(said);
            channel.truncate(0);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.force(true);
            return new RunLock(designKey, channel, lock, owner);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(designKey);
            throw new UncheckedIOException("the run lock " + file(designKey) + " could not be taken: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(designKey);
            throw e;
        }
    }

    /**
     * Who holds the design's run now, if anyone: read from the lock file, and only when its lock is in fact held
     * (a file left by a process that ended names no one).
     */
    public static Optional<Owner> holder(String designKey) {
        Path file = file(designKey);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        boolean held = HELD_HERE.contains(designKey);
        if (!held) {
            try (FileChannel probe = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock free = probe.tryLock(0, Long.MAX_VALUE, false);
                if (free != null) {
                    free.release();
                    return Optional.empty();
                }
            } catch (OverlappingFileLockException heldHere) {
                // This process holds it through a channel of its own.
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }
        return readOwner(file);
    }

    private static Optional<Owner> readOwner(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                return Optional.empty();
            }
            var tree = JSON.readTree(bytes);
            Instant started = tree.hasNonNull("started") ? Instant.parse(tree.get("started").asText()) : null;
            return Optional.of(new Owner(tree.path("pid").asLong(), tree.path("command").asText(null), started));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public String designKey() {
        return designKey;
    }

    public Owner owner() {
        return owner;
    }

    /** Lets the design's run go: the next {@code up} may take it. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // The owner it names is no longer checked against a held lock by holder().
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
        HELD_HERE.remove(designKey);
    }

    private static String thisProcess() {
        String set = processCommand;
        if (set != null) {
            return set;
        }
        return ProcessHandle.current().info().command().map(c -> Path.of(c).getFileName().toString()).orElse("java");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing written through it is still needed.
            }
        }
    }

    /** A design's run is held by someone else; the message names them. */
    public static final class RunLockedException extends IllegalStateException {
        private final transient Owner owner;

        public RunLockedException(String designKey, Owner owner) {
            super("the design is already running, kept by " + owner.describe()
                    + "; stop that run first (stowage down stops it from anywhere)");
            this.owner = owner;
        }

        public Owner owner() {
            return owner;
        }
    }
}
