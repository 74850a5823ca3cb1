package io.stowage.agent.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.engine.local.Removed;
import io.stowage.model.runtime.RuntimeListener;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
     * Hands a run to the user's agent, started if none answers (what {@code up --detach} and the desktop's Run both
     * do): as {@link #startRun}, asked again of a new agent when the one found had just ended.
     */
    public static Started handOver(ObjectNode runRequest, Consumer<String> lines) {
        try {
            return findOrStart().startRun(runRequest, lines);
        } catch (AgentUnreachableException endedMeanwhile) {
            // The agent found had just ended (it ends when it holds nothing): a new one is started.
            return findOrStart().startRun(runRequest, lines);
        }
    }

    /**
     * As {@link #handOver}, for a window that follows the run: the run's states from its start on reach
     * {@code states}; returns once every task is RUNNING or stopped, with the stream still open for
     * {@link Following#follow} (closed already when the run could not start).
     */
    public static Following handOverFollowing(ObjectNode runRequest, Consumer<String> lines, RuntimeListener states) {
        ObjectNode request = runRequest.deepCopy().put("follow", true);
        AgentClient agent = findOrStart();
        try {
            return agent.open("/v1/runs", request).startedWith(lines, states);
        } catch (AgentUnreachableException endedMeanwhile) {
            agent = findOrStart();
            return agent.open("/v1/runs", request).startedWith(lines, states);
        }
    }

    /**
     * Follows a run this agent holds: what it knows now, then each change, reaches {@code states} as
     * {@link Following#follow} reads them; empty when the agent holds no run of that key.
     */
    public Optional<Following> follow(String designKey) {
        Following opened = open("/v1/runs/follow", AgentFiles.JSON.createObjectNode().put("designKey", designKey));
        if (opened == null) {
            return Optional.empty();
        }
        return Optional.of(opened);
    }

    /**
     * Stops a run's tasks (reverse dependency order, stop timeouts; the containers stay for their logs) and has the
     * agent let it go, as the desktop's Stop does; false when the agent holds no run of that key.
     */
    public boolean stopRun(String designKey) {
        HttpResponse<String> response = send(request("/v1/runs/stop").POST(HttpRequest.BodyPublishers.ofString(
                AgentFiles.JSON.createObjectNode().put("designKey", designKey).toString())).build());
        if (response.statusCode() == 404) {
            return false;
        }
        json(response);
        return true;
    }

    /** Stops one task of a run the agent holds, as StopTask does (its service replaces it). */
    public boolean stopTask(String designKey, String taskArn, String reason) {
        return ask("/v1/runs/stop-task", AgentFiles.JSON.createObjectNode().put("designKey", designKey)
                .put("taskArn", taskArn).put("reason", reason));
    }

    /** Sets a service's desired count (design ids) in a run the agent holds. */
    public boolean scale(String designKey, String clusterId, String serviceId, int desiredCount) {
        return ask("/v1/runs/scale", AgentFiles.JSON.createObjectNode().put("designKey", designKey)
                .put("clusterId", clusterId).put("serviceId", serviceId).put("desiredCount", desiredCount));
    }

    /** Whether the agent holds a run of that design key now. */
    public boolean holds(String designKey) {
        for (JsonNode run : status().path("runs")) {
            if (designKey.equals(run.path("designKey").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The agent's version, as its agent.json says. */
    public String version() {
        return info.version();
    }

    private boolean ask(String path, ObjectNode body) {
        HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
        if (response.statusCode() == 404) {
            return false;
        }
        json(response);
        return true;
    }

    /**
     * A streamed answer (JSON lines); null for a 404. Read over a plain connection whose reads time out: the agent
     * sends a line at least every second, so a read that waits {@link #STREAM_SILENCE} means the agent went away.
     */
    private Following open(String path, ObjectNode body) {
        java.net.HttpURLConnection connection;
        try {
            connection = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + info.port() + path).toURL()
                    .openConnection(java.net.Proxy.NO_PROXY);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(2000);
            connection.setReadTimeout((int) STREAM_SILENCE.toMillis());
            connection.setRequestProperty("Authorization", "Bearer " + info.token());
            connection.setRequestProperty("Content-Type", "application/json");
            try (var out = connection.getOutputStream()) {
                out.write(body.toString().getBytes(StandardCharsets.UTF_8));
            }
            int code = connection.getResponseCode();
            if (code == 404) {
                connection.disconnect();
                return null;
            }
            if (code != 200) {
                connection.disconnect();
                throw new AgentException("the Stowage agent refused (HTTP " + code + ")");
            }
            return new Following(this, connection.getInputStream(), connection::disconnect);
        } catch (java.net.ConnectException e) {
            throw new AgentUnreachableException("the Stowage agent (pid " + info.pid() + ") did not answer: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new AgentException("the Stowage agent (pid " + info.pid() + ") did not answer: " + e.getMessage());
        }
    }

    /** How long a followed run's stream may stay silent before the agent counts as gone (it beats every second). */
    static final Duration STREAM_SILENCE = Duration.ofSeconds(15);

    private static void closeQuietly(java.io.InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing more to read.
        }
    }

    /**
     * A run a window follows through the agent: the open stream of the run's states. {@link #follow} reads it until
     * the agent lets the run go; {@link #close} (or interrupting the reader) stops reading, which the agent notices
     * and the run does not: it goes on, supervised.
     */
    public static final class Following implements AutoCloseable {
        private final AgentClient agent;
        private final java.io.InputStream in;
        private final Runnable disconnect;
        private final java.io.BufferedReader reader;
        private Started started;

        private Following(AgentClient agent, java.io.InputStream in, Runnable disconnect) {
            this.agent = agent;
            this.in = in;
            this.disconnect = disconnect;
            this.reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** The agent that holds the run. */
        public AgentClient agent() {
            return agent;
        }

        /** What the start ended with (after {@link #handOverFollowing}), or null for a run followed later. */
        public Started started() {
            return started;
        }

        private Following startedWith(Consumer<String> lines, RuntimeListener states) {
            try {
                while (true) {
                    String text = reader.readLine();
                    if (text == null) {
                        throw new AgentException("the Stowage agent (pid " + agent.pid() + ") ended the answer early; "
                                + "see " + AgentFiles.logFile());
                    }
                    stopIfInterrupted();
                    JsonNode node = AgentFiles.JSON.readTree(text);
                    if (node.has("line")) {
                        lines.accept(node.get("line").asText());
                    } else if (node.has("end")) {
                        close();
                        throw new AgentException("the run was stopped while it started (" + node.get("end").asText()
                                + ")");
                    } else if (node.has("exit")) {
                        started = new Started(node.get("exit").asInt(), node.path("summary").asText(null),
                                node.path("kind").asText(null), node.path("error").asText(null));
                        if (started.error() != null) {
                            close();
                        }
                        return this;
                    } else {
                        RuntimeLines.decode(node, patched(states));
                    }
                }
            } catch (IOException e) {
                close();
                throw new AgentException("the Stowage agent (pid " + agent.pid() + ") went away while the run "
                        + "started: " + e.getMessage() + "; see " + AgentFiles.logFile());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /**
         * Reads the run's states into {@code states} until the agent lets the run go; returns why (the agent's
         * words). Throws {@link AgentException} when the agent went away (killed) or the reading was interrupted.
         */
        public String follow(RuntimeListener states) {
            RuntimeListener to = patched(states);
            try {
                while (true) {
                    String text = reader.readLine();
                    if (text == null) {
                        throw new AgentException("the Stowage agent (pid " + agent.pid() + ") went away; nothing "
                                + "supervises the run now; see " + AgentFiles.logFile());
                    }
                    stopIfInterrupted();
                    JsonNode node = AgentFiles.JSON.readTree(text);
                    if (node.has("end")) {
                        return node.get("end").asText();
                    }
                    RuntimeLines.decode(node, to);
                }
            } catch (IOException e) {
                throw new AgentException("the Stowage agent (pid " + agent.pid() + ") went away: " + e.getMessage()
                        + "; see " + AgentFiles.logFile());
            } finally {
                close();
            }
        }

        /**
         * The reader was interrupted (its job cancelled): a read the interrupt did not end is noticed at the next line,
         * at the latest the agent's beat, every second.
         */
        private void stopIfInterrupted() {
            if (Thread.currentThread().isInterrupted()) {
                throw new AgentException("interrupted while following the run");
            }
        }

        /** What the agent serving each instance is: this agent, its version and pid, not the runner's placeholder. */
        private RuntimeListener patched(RuntimeListener states) {
            String serving = "Stowage agent " + agent.version() + " (pid " + agent.pid() + ")";
            return new RuntimeListener() {
                @Override
                public void taskChanged(io.stowage.model.runtime.TaskState task) {
                    states.taskChanged(task);
                }

                @Override
                public void instanceChanged(io.stowage.model.runtime.InstanceState i) {
                    states.instanceChanged(new io.stowage.model.runtime.InstanceState(i.cluster(), i.instanceId(),
                            i.containerInstanceArn(), i.ec2InstanceId(), i.status(), i.agentConnected(),
                            "stowage-local".equals(i.agentVersion()) || i.agentVersion() == null ? serving
                                    : i.agentVersion() + " · " + serving, i.runningTasksCount(),
                            i.pendingTasksCount(), i.registeredCpu(), i.registeredMemoryMiB(), i.remainingCpu(),
                            i.remainingMemoryMiB()));
                }

                @Override
                public void serviceChanged(io.stowage.model.runtime.ServiceState service) {
                    states.serviceChanged(service);
                }

                @Override
                public void containerMetrics(String taskArn, String container,
                                             io.stowage.model.runtime.ContainerMetrics sample) {
                    states.containerMetrics(taskArn, container, sample);
                }

                @Override
                public void event(io.stowage.model.runtime.ClusterEvent event) {
                    states.event(event);
                }

                @Override
                public void engineLost(String reason) {
                    states.engineLost(reason);
                }

                @Override
                public void engineBack() {
                    states.engineBack();
                }
            };
        }

        @Override
        public void close() {
            // The connection itself, at once: closing the stream first would read what is left of it.
            disconnect.run();
            closeQuietly(in);
        }
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
