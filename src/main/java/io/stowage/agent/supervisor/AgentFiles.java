package io.stowage.agent.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.engine.local.RunRecord;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The local agent's files under the user's Stowage folder: {@code agent/} (0700) holds {@code agent.json} (0600:
 * port, pid, token, version, startedAt: whoever can read it can control the agent), {@code agent.log} (what the
 * agent prints) and {@code agent.lock} (held by the one agent of the user for as long as it runs).
 */
public final class AgentFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private AgentFiles() {
    }

    /** What {@code agent.json} says: where the agent listens and the token it wants. */
    public record AgentInfo(int port, long pid, String token, String version, Instant startedAt) {
    }

    public static Path folder() {
        return RunRecord.stowageFolder().resolve("agent");
    }

    public static Path infoFile() {
        return folder().resolve("agent.json");
    }

    public static Path logFile() {
        return folder().resolve("agent.log");
    }

    static Path lockFile() {
        return folder().resolve("agent.lock");
    }

    /** Makes the Stowage folder and the agent's folder, readable by this user alone. */
    static void createFolders() throws IOException {
        privateFolder(RunRecord.stowageFolder());
        privateFolder(folder());
    }

    private static void privateFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // Made meanwhile by another command.
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /** Makes {@code file} empty and 0600 unless it is there (the log, the lock: this user's alone). */
    static void createPrivateFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException there) {
            // Kept as it is.
        } catch (UnsupportedOperationException notPosix) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        }
    }

    /** Writes {@code agent.json} 0600, replacing it at once (a reader never sees half of it). */
    static void write(AgentInfo info) throws IOException {
        createFolders();
        ObjectNode node = JSON.createObjectNode();
        node.put("port", info.port());
        node.put("pid", info.pid());
        node.put("token", info.token());
        node.put("version", info.version());
        node.put("startedAt", info.startedAt().toString());
        Path file = infoFile();
        Path temp = file.resolveSibling("agent.json." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What {@code agent.json} says, if it is there and readable. */
    public static Optional<AgentInfo> read() {
        try {
            var node = JSON.readTree(infoFile().toFile());
            return Optional.of(new AgentInfo(node.path("port").asInt(), node.path("pid").asLong(),
                    node.path("token").asText(), node.path("version").asText(),
                    Instant.parse(node.path("startedAt").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where the agent keeps what each run it holds was started with (the run request's options, never credentials),
     * so that an agent started after this one ended can take the run over with the same options.
     */
    static Path requestFile(String designKey) {
        return folder().resolve("runs").resolve(designKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    /** Keeps a run's request (0600), without anything of the caller's AWS environment. */
    static void writeRequest(String designKey, ObjectNode request) {
        try {
            createFolders();
            privateFolder(requestFile(designKey).getParent());
            ObjectNode kept = request.deepCopy();
            kept.remove(RunRequest.AWS_ENVIRONMENT);
            Path file = requestFile(designKey);
            Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(kept));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Without it, a later adoption uses the options of the command that asks for it.
        }
    }

    /** The request a run was started with, if the agent that held it kept it. */
    public static Optional<ObjectNode> readRequest(String designKey) {
        try {
            var node = JSON.readTree(requestFile(designKey).toFile());
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void removeRequest(String designKey) {
        try {
            Files.deleteIfExists(requestFile(designKey));
        } catch (IOException ignored) {
            // A stale request is only read for a run Docker still has.
        }
    }

    /** The design keys of the runs whose requests are kept (runs an agent held and did not take down). */
    public static java.util.List<String> keptRequests() {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (var files = Files.list(requestFile("x").getParent())) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    readRequest(name.substring(0, name.length() - 5)).ifPresent(r -> {
                        if (r.hasNonNull("designKey")) {
                            out.add(r.get("designKey").asText());
                        }
                    });
                }
            });
        } catch (IOException | RuntimeException none) {
            // No folder: nothing kept.
        }
        return out;
    }

    /** Removes {@code agent.json} if it still names this process. */
    static void removeIfMine() {
        read().filter(i -> i.pid() == ProcessHandle.current().pid()).ifPresent(i -> {
            try {
                Files.deleteIfExists(infoFile());
            } catch (IOException ignored) {
                // A stale file names a pid that is gone: clients ignore it.
            }
        });
    }
}
