package io.stowage.engine.local;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's record of a run, as the runner keeps it: every task with what ECS records of it (desired status,
 * stopped reason and code, each container's exit code, reason and restart count, health) including tasks that
 * never made a container, and the services' counts and events. Written under the user's Stowage folder
 * ({@code ~/.stowage/runs/<design key>.json}, the folder 0700, the file 0600, replaced atomically) so that a later
 * {@code stowage ps} reads what the runner knew; what Docker's labels say runs stays the truth for what runs.
 * Never holds a credential or a secret value: task states carry neither.
 *
 * @param designKey the run's design key
 * @param pid       the process that keeps the run (the foreground up or the agent)
 * @param updatedAt when it was written
 * @param tasks     the tasks, oldest first
 * @param services  the services
 */
public record RunRecord(String designKey, long pid, Instant updatedAt, List<TaskState> tasks,
                        List<ServiceState> services) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    public RunRecord {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** The user's Stowage folder: {@code ~/.stowage}, or the {@code stowage.home} system property when set. */
    public static Path stowageFolder() {
        String set = System.getProperty("stowage.home");
        return set != null && !set.isBlank() ? Path.of(set) : Path.of(System.getProperty("user.home"), ".stowage");
    }

    static Path folder() {
        return stowageFolder().resolve("runs");
    }

    /** Where the record of a design's run is kept. */
    public static Path file(String designKey) {
        return folder().resolve(designKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    /** The record of a design's run, or empty when there is none or it cannot be read (then Docker alone speaks). */
    public static Optional<RunRecord> read(String designKey) {
        Path file = file(designKey);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            RunRecord record = JSON.readValue(file.toFile(), RunRecord.class);
            return designKey.equals(record.designKey()) ? Optional.of(record) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Writes it whole, readable by the user only: a reader sees the last record or the one before, never half. */
    void write() throws IOException {
        Path dir = folder();
        createPrivateFolder(dir.getParent());
        createPrivateFolder(dir);
        Path temp = Files.createTempFile(dir, "." + file(designKey).getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, JSON.writeValueAsBytes(this));
            try {
                Files.move(temp, file(designKey), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(designKey), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Forgets a design's run (stowage down). */
    static void delete(String designKey) {
        try {
            Files.deleteIfExists(file(designKey));
        } catch (IOException ignored) {
            // A stale record names tasks Docker no longer has; ps shows them stopped.
        }
    }

    static void createPrivateFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // Another Stowage process made it.
        }
    }
}
