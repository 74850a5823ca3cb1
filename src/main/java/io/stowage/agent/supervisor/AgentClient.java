package io.stowage.agent.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.engine.local.Removed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Talks to the user's local agent ({@link LocalAgent}): finds it from {@code agent.json}, starts it when none
 * answers ({@link #findOrStart}), and asks it to start, end or report runs.
 */
public final class AgentClient {
    /** How long a starting agent may take to answer. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final AgentFiles.AgentInfo info;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AgentClient(AgentFiles.AgentInfo info) {
        this.info = info;
    }

    /** The agent of this user when one answers (its pid alive and its status given for its token). */
    public static Optional<AgentClient> find() {
        Optional<AgentFiles.AgentInfo> info = AgentFiles.read();
        if (info.isEmpty() || ProcessHandle.of(info.get().pid()).map(ProcessHandle::isAlive).orElse(false) == false) {
            return Optional.empty();
        }
        AgentClient client = new AgentClient(info.get());
        try {
            client.status();
            return Optional.of(client);
        } catch (AgentException gone) {
            return Optional.empty();
        }
    }

    /** The agent of this user, started ({@code stowage agent run}, detached, logging to agent.log) if none answers. */
    public static AgentClient findOrStart() {
        Optional<AgentClient> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        Process process = launch();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            found = find();
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive() && process.exitValue() != 0) {
                throw new AgentException("the Stowage agent could not start (exit " + process.exitValue() + "): "
                        + lastLines() + " (all of it in " + AgentFiles.logFile() + ")");
            }
            try {
                // A process's start cannot be awaited as an event from here: agent.json is looked at again.
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentException("interrupted while the Stowage agent started");
            }
        }
        throw new AgentException("the Stowage agent did not answer within " + START_TIMEOUT.toSeconds() + " s of its "
                + "start; see " + AgentFiles.logFile());
    }

    /**
     * The command that starts the agent: this process's own Java and class path with {@code agent run} (or, from an
     * installed launcher, the launcher with {@code agent run}), in a session of its own ({@code setsid}) so that a
     * closed terminal does not end it; the Stowage system properties ({@code stowage.home}...) are passed on.
     */
    static List<String> command() {
        String self = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(self);
        String name = Path.of(self).getFileName().toString();
        if (name.equals("java") || name.equals("java.exe")) {
            for (String property : System.getProperties().stringPropertyNames()) {
                if (property.startsWith("stowage.") || property.startsWith("aws.")) {
                    command.add("-D" + property + "=" + System.getProperty(property));
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.stowage.app.Launcher");
        }
        command.add("agent");
        command.add("run");
        return command;
    }

    private static Process launch() {
        try {
            AgentFiles.createFolders();
            AgentFiles.createPrivateFile(AgentFiles.logFile());
            File log = AgentFiles.logFile().toFile();
            return new ProcessBuilder(command()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new AgentException("the Stowage agent could not be started: " + e.getMessage());
        }
    }

    private static String lastLines() {
        try {
            List<String> lines = Files.readAllLines(AgentFiles.logFile());
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public long pid() {
        return info.pid();
    }

    /** What the agent says of itself and its runs ({@code GET /v1/status}). */
    public JsonNode status() {
        return json(send(request("/v1/status").GET().timeout(Duration.ofSeconds(5)).build()));
    }

    /** What a run's start ended with. */
    public record Started(int exitCode, String summary, String errorKind, String error) {
    }

    /**
     * Hands a run to the agent ({@code POST /v1/runs}); {@code lines} hears each progress and state line while the
     * run starts. Returns once every task is RUNNING or stopped.
     */
    public Started startRun(ObjectNode runRequest, Consumer<String> lines) {
        return stream("/v1/runs", runRequest, lines);
    }

    /**
     * Asks the agent to take over a design's run whose keeper ended ({@code POST /v1/runs/adopt}, a request of
     * {@link RunRequest#adopt}): its tasks are rebuilt from the record and Docker, no container made again.
     * Returns once the adopted tasks are RUNNING or stopped; {@code lines} hears what the agent does meanwhile.
     */
    public Started adoptRun(ObjectNode adoptRequest, Consumer<String> lines) {
        return stream("/v1/runs/adopt", adoptRequest, lines);
    }

    private Started stream(String path, ObjectNode runRequest, Consumer<String> lines) {
        HttpRequest request = request(path).POST(HttpRequest.BodyPublishers.ofString(runRequest.toString()))
                .header("Content-Type", "application/json").build();
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (java.net.ConnectException e) {
            throw new AgentUnreachableException("the Stowage agent (pid " + info.pid() + ") did not answer: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new AgentException("the Stowage agent (pid " + info.pid() + ") did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new AgentException("the Stowage agent refused the run (HTTP " + response.statusCode() + ")");
        }
        try (var stream = response.body()) {
            Iterator<String> it = stream.iterator();
            while (it.hasNext()) {
                JsonNode node = AgentFiles.JSON.readTree(it.next());
                if (node.has("line")) {
                    lines.accept(node.get("line").asText());
                } else if (node.has("exit")) {
                    return new Started(node.get("exit").asInt(), node.path("summary").asText(null),
                            node.path("kind").asText(null), node.path("error").asText(null));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new AgentException("the Stowage agent (pid " + info.pid() + ") went away while the run started: "
                    + e.getMessage() + "; see " + AgentFiles.logFile());
        }
        throw new AgentException("the Stowage agent (pid " + info.pid() + ") ended the answer early; see "
                + AgentFiles.logFile());
    }

    /** Asks the agent to end a design's run; empty when it holds no run of that key. */
    public Optional<Removed> down(String designKey) {
        ObjectNode body = AgentFiles.JSON.createObjectNode().put("designKey", designKey);
        HttpResponse<String> response = send(request("/v1/runs/down")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode node = json(response);
        return Optional.of(new Removed(node.path("containers").asInt(), node.path("volumes").asInt(),
                node.path("networks").asInt()));
    }

    /** Ends every run the agent holds, and the agent; waits for its process to end. */
    public JsonNode stop() {
        JsonNode said = json(send(request("/v1/stop").POST(HttpRequest.BodyPublishers.noBody()).build()));
        ProcessHandle.of(info.pid()).ifPresent(p -> {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // Said below by whoever asks again.
            }
        });
        return said;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + path))
                .header("Authorization", "Bearer " + info.token());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AgentException("the Stowage agent (pid " + info.pid() + ") did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted");
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            JsonNode node = AgentFiles.JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new AgentException("the Stowage agent answered HTTP " + response.statusCode() + ": "
                        + node.path("message").asText());
            }
            return node;
        } catch (IOException e) {
            throw new AgentException("the Stowage agent answered what is not JSON: " + e.getMessage());
        }
    }

    /** The agent could not be reached, started or understood; the message says why, for the user. */
    public static class AgentException extends RuntimeException {
        public AgentException(String message) {
            super(message);
        }
    }

    /** Nothing listens where agent.json says any more (the agent ended meanwhile): start one again. */
    public static final class AgentUnreachableException extends AgentException {
        public AgentUnreachableException(String message) {
            super(message);
        }
    }
}
