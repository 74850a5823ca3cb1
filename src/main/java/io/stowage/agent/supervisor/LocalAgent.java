package io.stowage.agent.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stowage.agent.ecsapi.EcsApiServer;
import io.stowage.agent.ecsapi.HeldRun;
import io.stowage.agent.endpoints.AgentEndpoints;
import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.PullBehavior;
import io.stowage.engine.local.Removed;
import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RunLock;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The user's local ECS agent ({@code stowage agent run}): one process that holds the runs handed to it
 * ({@code stowage up --detach}) for as long as they live, supervising each as a foreground {@code up} does
 * (essential exits, restart policies, health, the service schedulers, a restarted engine), holding each design's
 * {@link RunLock} and serving the task metadata and credentials endpoints for their tasks. It is controlled over
 * HTTP on the loopback, on an ephemeral port, with a random token that only {@code agent.json} (0600) holds; a
 * request without it is answered 401. It ends when it holds no run any more (after {@code stowage down}, or
 * {@code stowage agent stop}, which ends every run it holds), or when nothing was handed to it within a minute of
 * its start.
 */
public final class LocalAgent {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final ObjectNode BEAT = AgentFiles.JSON.createObjectNode().put("beat", 1);
    /** How long an agent holding no run waits for one before it ends. */
    static final long IDLE_SECONDS = 60;
    /** Exit codes the command line uses (cli.Cli), repeated here for what the agent answers. */
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int UNUSABLE_INPUT = 2;
    static final int NO_ENGINE = 4;

    private final String version;
    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String token;
    private final PrintStream log;
    private final Map<String, Held> runs = new ConcurrentHashMap<>();
    private final Map<String, LocalEngine> engines = new ConcurrentHashMap<>();
    /** Runs being started, by design key: a stop that arrives meanwhile waits for the run to be made. */
    private final Map<String, CompletableFuture<Held>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stowage-agent-request");
        t.setDaemon(true);
        return t;
    });
    private volatile Served served;
    private volatile EcsApiServer ecsApi;
    private volatile int starting;

    /** A run the agent holds. */
    record Held(String key, Path file, Design design, String engineHost, LocalEngine engine, LocalRun run,
                Instant since, Sinks sinks) implements HeldRun {
        @Override
        public io.stowage.model.runtime.RuntimeSnapshot snapshot() {
            return run.snapshot();
        }

        @Override
        public void scale(String clusterId, String serviceId, int desiredCount) {
            run.scale(clusterId, serviceId, desiredCount);
        }

        @Override
        public void stopTask(String taskArn, String reason) {
            run.stopTask(taskArn, reason);
        }

        @Override
        public void deploy(String clusterId, String serviceId, io.stowage.model.ecs.TaskDefinition taskDefinition,
                           Integer revision, Integer minimumHealthyPercent, Integer maximumPercent) {
            run.deploy(clusterId, serviceId, taskDefinition, revision, minimumHealthyPercent, maximumPercent);
        }

        /** The design as the run runs it: with the services and tasks made through the ECS endpoint. */
        @Override
        public Design design() {
            return run.design();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> createService(String clusterId,
                io.stowage.model.design.Service service, io.stowage.model.ecs.TaskDefinition taskDefinition,
                int revision) {
            return run.createService(clusterId, service, taskDefinition, revision);
        }

        @Override
        public void deleteService(String clusterId, String serviceId) {
            run.deleteService(clusterId, serviceId);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Started> runTask(String clusterId,
                io.stowage.model.design.StandaloneTask task, io.stowage.model.ecs.TaskDefinition taskDefinition,
                int revision, int count) {
            return run.runTask(clusterId, task, taskDefinition, revision, count)
                    .thenApply(r -> new Started(r.tasks(), r.failures()));
        }
    }

    private LocalAgent(String version, PrintStream log) {
        this.version = version;
        this.log = log;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
    }

    /**
     * Runs the agent until it holds nothing; returns its exit code (0; 0 too when another agent of this user already
     * runs, which is then the one to use).
     */
    public static int run(String version, PrintStream log) throws IOException, InterruptedException {
        AgentFiles.createFolders();
        AgentFiles.createPrivateFile(AgentFiles.lockFile());
        try (FileChannel channel = FileChannel.open(AgentFiles.lockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                log.println(now() + " another Stowage agent of this user runs (" + AgentFiles.read()
                        .map(i -> "pid " + i.pid()).orElse("starting") + "); this one ends");
                return OK;
            }
            return new LocalAgent(version, log).serve();
        }
    }

    private int serve() throws IOException, InterruptedException {
        RunLock.describeThisProcess("the Stowage agent, pid " + ProcessHandle.current().pid());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        int port = server.getAddress().getPort();
        ecsApi = EcsApiServer.start(() -> List.copyOf(runs.values()));
        AgentFiles.write(new AgentFiles.AgentInfo(port, ProcessHandle.current().pid(), token, version, startedAt));
        log.println(now() + " the Stowage agent " + version + " (pid " + ProcessHandle.current().pid()
                + ") listens on 127.0.0.1:" + port + "; its ECS endpoint is " + ecsApi.endpoint());
        Thread hook = new Thread(() -> {
            // SIGTERM: the runs' containers are left as they are (as the ECS agent leaves its tasks when it stops);
            // the runs are let go so that their locks end with this process.
            runs.values().forEach(h -> {
                h.sinks().end("the Stowage agent was ended (SIGTERM); the run's containers are left as they are");
                closeQuietly(h.run());
            });
            AgentFiles.removeIfMine();
        }, "stowage-agent-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        scheduleIdleCheck();
        try {
            done.join();
        } finally {
            server.stop(0);
            ecsApi.close();
            Served s = served;
            if (s != null) {
                s.close();
            }
            AgentFiles.removeIfMine();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway.
            }
            log.println(now() + " the Stowage agent ends: it holds no run");
            log.flush();
        }
        return OK;
    }

    private void scheduleIdleCheck() {
        CompletableFuture.delayedExecutor(IDLE_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (runs.isEmpty() && starting == 0) {
                done.complete(null);
            }
        });
    }

    // ------------------------------------------------------------------ requests

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, message("the Stowage agent answers only requests with the token in "
                        + AgentFiles.infoFile()));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            switch (method + " " + path) {
                case "GET /v1/status" -> reply(exchange, 200, status());
                case "POST /v1/runs" -> startRun(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()), false);
                case "POST /v1/runs/adopt" -> startRun(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()), true);
                case "POST /v1/runs/down" -> down(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()));
                case "POST /v1/runs/follow" -> follow(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()));
                case "POST /v1/runs/stop" -> stopRun(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()));
                case "POST /v1/runs/stop-task" -> stopTask(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()));
                case "POST /v1/runs/scale" -> scale(exchange, AgentFiles.JSON.readTree(exchange.getRequestBody()));
                case "POST /v1/stop" -> stopEverything(exchange);
                default -> reply(exchange, 404, message("no such request: " + method + " " + path));
            }
        } catch (RuntimeException e) {
            log.println(now() + " request failed: " + e);
            e.printStackTrace(log);
        }
    }

    private ObjectNode status() {
        ObjectNode out = AgentFiles.JSON.createObjectNode();
        out.put("pid", ProcessHandle.current().pid());
        out.put("version", version);
        out.put("startedAt", startedAt.toString());
        out.put("log", AgentFiles.logFile().toString());
        out.put("ecsEndpoint", ecsApi.endpoint());
        ArrayNode list = out.putArray("runs");
        for (Held h : runs.values()) {
            ObjectNode r = list.addObject();
            r.put("designKey", h.key());
            r.put("design", h.design().name());
            r.put("file", h.file() == null ? "" : h.file().toString());
            r.put("engine", h.engineHost());
            r.put("since", h.since().toString());
            List<TaskState> tasks = h.run().snapshot().taskList();
            r.put("running", tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count());
            r.put("stopped", tasks.stream().filter(TaskState::isStopped).count());
            r.put("other", tasks.stream().filter(t -> t.lastStatus() != TaskStatus.RUNNING && !t.isStopped()).count());
        }
        return out;
    }

    /**
     * Starts a design's run and holds it; the answer is a stream of JSON lines: {@code {"line": ...}} for each
     * progress and state line (as a foreground up prints them), then {@code {"exit": N, "summary": ...}} once every
     * task is RUNNING or stopped, or {@code {"exit": N, "error": ...}} when the run could not start. With
     * {@code "follow": true} (the desktop) the stream also carries the run's states ({@link RuntimeLines}) from the
     * start on, and goes on after the exit line for as long as the agent holds the run: its last line is
     * {@code {"end": reason}} when the run is let go.
     */
    private void startRun(HttpExchange exchange, JsonNode request, boolean adopt) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        Follower out = new Follower();
        boolean follow = request.path("follow").asBoolean(false);
        synchronized (this) {
            starting++;
        }
        workers.execute(() -> {
            ObjectNode result;
            try {
                result = start(request, out, follow, adopt);
            } catch (RuntimeException e) {
                log.println(now() + " the run could not start: " + e);
                e.printStackTrace(log);
                result = failure(FINDINGS, "internal", "the Stowage agent could not start the run: " + e);
            } finally {
                synchronized (this) {
                    starting--;
                }
            }
            out.offer(result);
            if (!follow || result.has("error")) {
                out.end();
            }
        });
        try {
            pump(exchange.getResponseBody(), out, List.of());
        } finally {
            // Started for this run: an agent left holding nothing (the run could not start) ends.
            endIfEmpty();
        }
    }

    /**
     * Writes what {@code out} is given until its end (or until the one who asked went away), a {@code {"beat": 1}}
     * line after each second without one, by which a window that went away is noticed (and a reader whose job was
     * cancelled sees its interrupt).
     */
    private static void pump(OutputStream body, Follower out, List<ObjectNode> first) {
        try {
            for (ObjectNode node : first) {
                body.write((node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            body.flush();
            while (true) {
                ObjectNode node = out.queue.poll(1, TimeUnit.SECONDS);
                if (node == Follower.END) {
                    return;
                }
                body.write(((node == null ? BEAT : node).toString() + "\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (IOException gone) {
            // The command or window that asked went away; the run goes on.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.gone = true;
        }
    }

    /**
     * A window following a run the agent holds ({@code POST /v1/runs/follow} {@code {"designKey": ...}}): what the
     * run knows now (instances, services, tasks, events), then each change, as {@link RuntimeLines}, until
     * {@code {"end": reason}} when the run is let go. 404 when the agent holds no run of that key.
     */
    private void follow(HttpExchange exchange, JsonNode request) throws IOException {
        Held held = runs.get(request.path("designKey").asText());
        if (held == null) {
            reply(exchange, 404, message("the agent holds no run of " + request.path("designKey").asText()));
            return;
        }
        Follower out = new Follower();
        // Followed first, then what is known read: a change in between arrives twice, never not at all.
        held.sinks().follow(out);
        List<ObjectNode> first = new java.util.ArrayList<>();
        RuntimeLines.replay(held.run().snapshot(), RuntimeLines.encoder(first::add));
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        pump(exchange.getResponseBody(), out, first);
    }

    /**
     * Stops a run's tasks as the desktop's Stop does (reverse dependency order, stop timeouts; the containers stay
     * for their logs) and lets the run go; a run still starting is stopped once its start has made it.
     */
    private void stopRun(HttpExchange exchange, JsonNode request) throws IOException {
        String key = request.path("designKey").asText();
        Held held = runs.remove(key);
        if (held == null) {
            CompletableFuture<Held> coming = pending.get(key);
            if (coming != null) {
                try {
                    held = coming.get(10, TimeUnit.MINUTES);
                } catch (Exception e) {
                    held = null;
                }
                if (held != null && !runs.remove(key, held)) {
                    held = null;
                }
            }
        }
        if (held == null) {
            reply(exchange, 404, message("the agent holds no run of " + key));
            return;
        }
        log.println(now() + " " + held.design().name() + ": stopping (" + request.path("by").asText("the desktop")
                + ")");
        try {
            held.run().stopAll("Task stopped by user").get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.println(now() + " " + held.design().name() + ": not every task stopped in time: " + e);
        }
        held.run().writeRecord();
        AgentFiles.removeRequest(key);
        held.sinks().end("the run was stopped");
        closeQuietly(held.run());
        log.println(now() + " " + held.design().name() + ": stopped; its containers stay until removed");
        ObjectNode out = AgentFiles.JSON.createObjectNode();
        out.put("tasks", held.run().snapshot().taskList().size());
        reply(exchange, 200, out);
        endIfEmpty();
    }

    private void stopTask(HttpExchange exchange, JsonNode request) throws IOException {
        Held held = runs.get(request.path("designKey").asText());
        if (held == null) {
            reply(exchange, 404, message("the agent holds no run of " + request.path("designKey").asText()));
            return;
        }
        held.run().stopTask(request.path("taskArn").asText(), request.path("reason").asText("Task stopped by user"));
        reply(exchange, 200, AgentFiles.JSON.createObjectNode());
    }

    private void scale(HttpExchange exchange, JsonNode request) throws IOException {
        Held held = runs.get(request.path("designKey").asText());
        if (held == null) {
            reply(exchange, 404, message("the agent holds no run of " + request.path("designKey").asText()));
            return;
        }
        held.run().scale(request.path("clusterId").asText(), request.path("serviceId").asText(),
                request.path("desiredCount").asInt());
        reply(exchange, 200, AgentFiles.JSON.createObjectNode());
    }

    /**
     * Starts a design's run, or ({@code adopt}) takes over the run an ended keeper left: its tasks rebuilt from the
     * record and Docker, no container made again ({@link LocalEngine#adopt}). An adoption uses the options the run
     * was started with when an agent kept them ({@link AgentFiles#readRequest}); a run this agent holds already
     * is answered as adopted.
     */
    private ObjectNode start(JsonNode given, Follower out, boolean follow, boolean adopt) {
        JsonNode request = given;
        if (adopt && given.hasNonNull("designKey")) {
            String asked = given.get("designKey").asText();
            Held already = runs.get(asked);
            if (already != null) {
                ObjectNode result = AgentFiles.JSON.createObjectNode();
                result.put("exit", OK);
                result.put("designKey", asked);
                result.put("adopted", false);
                result.put("summary", summary(already.run().snapshot().taskList()) + "; the agent holds the run already");
                return result;
            }
            var kept = AgentFiles.readRequest(asked);
            if (kept.isPresent() && kept.get().path("file").asText("").equals(given.path("file").asText())) {
                ObjectNode merged = kept.get().deepCopy();
                merged.put("command", given.path("command").asText(merged.path("command").asText()));
                if (given.has(RunRequest.AWS_ENVIRONMENT)) {
                    merged.set(RunRequest.AWS_ENVIRONMENT, given.get(RunRequest.AWS_ENVIRONMENT));
                }
                request = merged;
            }
        }
        // The desktop hands over the design it shows (saved or not) and the key it keys the run by.
        Path file = request.hasNonNull("file") ? Path.of(request.path("file").asText()).toAbsolutePath().normalize()
                : null;
        Design design;
        try {
            design = request.hasNonNull("design")
                    ? DesignFormat.parse(file == null ? "the design" : file.toString(), request.get("design").asText())
                    .design()
                    : DesignFormat.read(file).design();
        } catch (UnreadableFileException e) {
            return failure(UNUSABLE_INPUT, "input", e.file() + ": error: "
                    + (e.position() == null ? "" : e.position() + ": ") + e.detail());
        }
        String key = request.hasNonNull("designKey") ? request.get("designKey").asText()
                : LocalEngine.designKey(design, file);
        PullBehavior pull;
        try {
            pull = PullBehavior.parse(request.path("pull").asText("default"));
        } catch (IllegalArgumentException e) {
            return failure(UNUSABLE_INPUT, "input", e.getMessage());
        }
        String host = request.path("dockerHost").asText(null);
        LocalEngine engine = engine(host);
        Sinks sinks = new Sinks(log, design.name());
        sinks.attach(line -> out.offer(line(line)));
        if (follow) {
            sinks.follow(out);
        }
        RunLock lock;
        try {
            lock = RunLock.acquire(key, request.path("command").asText("stowage up --detach " + file)
                    + " (the Stowage agent, pid " + ProcessHandle.current().pid() + ")");
        } catch (RunLock.RunLockedException | java.io.UncheckedIOException e) {
            return failure(FINDINGS, "locked", e.getMessage());
        }
        LocalRun run;
        Held held;
        CompletableFuture<Held> coming = new CompletableFuture<>();
        pending.put(key, coming);
        try {
            Served s = served();
            String secrets = request.path("secrets").asText(null);
            var options = LocalRunSetup.options(file, pull, secrets == null ? null : Path.of(secrets),
                    request.path("publishAll").asBoolean(false), request.path("instanceBase").asText("127.0.1"),
                    request.path("taskBase").asText("127.0.2"), s.endpoints(), s.roles());
            if (adopt) {
                var record = io.stowage.engine.local.RunRecord.read(key);
                long keeper = record.map(io.stowage.engine.local.RunRecord::pid).orElse(0L);
                sinks.progress("taking over the run of " + file + (keeper == 0 ? "" : " from pid " + keeper
                        + ", which ended without taking it down"));
                run = engine.adopt(design, lock, options, sinks.listener(), sinks::progress);
            } else {
                run = engine.up(design, lock, options, sinks.listener(), sinks::progress);
            }
            held = new Held(key, file, design, String.valueOf(engine.connection().host()), engine, run,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), sinks);
            runs.put(key, held);
            coming.complete(held);
        } catch (EngineUnavailableException e) {
            return failure(NO_ENGINE, "engine", e.getMessage());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            return failure(UNUSABLE_INPUT, "input", e.getMessage());
        } catch (RunLock.RunLockedException e) {
            return failure(FINDINGS, "locked", e.getMessage());
        } finally {
            // A start that failed: a stop waiting for it finds nothing to stop.
            coming.complete(null);
            pending.remove(key, coming);
        }
        if (request instanceof ObjectNode node) {
            ObjectNode kept = node.deepCopy();
            kept.put("designKey", key);
            kept.remove("follow");
            AgentFiles.writeRequest(key, kept);
        }
        // Taken down from elsewhere (a down that found no agent and removed the run marker): the run is let go.
        run.whenStopped().thenRunAsync(() -> forget(held), workers);
        try {
            // A stop meanwhile (the desktop's Stop while the run starts) ends the wait too.
            CompletableFuture.anyOf(run.whenStarted(), run.whenStopped()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.println(now() + " " + design.name() + ": " + e.getCause());
        }
        Set<String> first = run.firstTasks();
        List<TaskState> all = run.snapshot().taskList();
        List<TaskState> tasks = all.stream().filter(t -> first.contains(t.taskArn())).toList();
        long replacements = all.size() - tasks.size();
        run.writeRecord();
        // A task that ran and ended (a one-off job) is fine; one that never started or was never placed is not.
        boolean failed = tasks.stream().anyMatch(t ->
                StopCode.TASK_FAILED_TO_START.equals(t.stopCode()) || t.lastStatus() == TaskStatus.PENDING);
        sinks.attach(null);
        ObjectNode result = AgentFiles.JSON.createObjectNode();
        result.put("exit", failed && !adopt ? FINDINGS : OK);
        result.put("designKey", key);
        result.put("adopted", adopt);
        result.put("summary", summary(tasks) + (replacements == 0 ? ""
                : "; the services have started " + replacements + (replacements == 1 ? " task" : " tasks")
                + " since, which the agent keeps supervising"));
        return result;
    }

    private void forget(Held held) {
        if (runs.remove(held.key(), held)) {
            AgentFiles.removeRequest(held.key());
            log.println(now() + " " + held.design().name() + ": the run was taken down; the agent lets it go");
            held.sinks().end("the run was taken down");
            closeQuietly(held.run());
            endIfEmpty();
        }
    }

    private void endIfEmpty() {
        synchronized (this) {
            if (runs.isEmpty() && starting == 0) {
                done.complete(null);
            }
        }
    }

    /** Ends a run the agent holds: its tasks stopped in reverse dependency order, then everything removed. */
    private void down(HttpExchange exchange, JsonNode request) throws IOException {
        String key = request.path("designKey").asText();
        Held held = runs.remove(key);
        if (held == null) {
            reply(exchange, 404, message("the agent holds no run of " + key));
            return;
        }
        Removed removed = takeDown(held);
        ObjectNode out = AgentFiles.JSON.createObjectNode();
        out.put("containers", removed.containers());
        out.put("volumes", removed.volumes());
        out.put("networks", removed.networks());
        reply(exchange, 200, out);
        endIfEmpty();
    }

    private Removed takeDown(Held held) {
        log.println(now() + " " + held.design().name() + ": stopping (stowage down)");
        try {
            held.run().stopAll("Task stopped by user").get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.println(now() + " " + held.design().name() + ": not every task stopped in time: " + e);
        }
        // Removed before the run (and its lock) is let go, so that a next up never loses what it starts.
        Removed removed = held.engine().down(held.key(), held.design(), m -> { });
        held.sinks().end("the run was removed");
        AgentFiles.removeRequest(held.key());
        closeQuietly(held.run());
        log.println(now() + " " + held.design().name() + ": removed the design's containers, volumes and network");
        return removed;
    }

    private void stopEverything(HttpExchange exchange) throws IOException {
        int containers = 0;
        int count = 0;
        for (String key : List.copyOf(runs.keySet())) {
            Held held = runs.remove(key);
            if (held != null) {
                containers += takeDown(held).containers();
                count++;
            }
        }
        ObjectNode out = AgentFiles.JSON.createObjectNode();
        out.put("runs", count);
        out.put("containers", containers);
        reply(exchange, 200, out);
        done.complete(null);
    }

    // ------------------------------------------------------------------ parts

    private LocalEngine engine(String host) {
        DockerConnection own = DockerConnection.fromEnvironment();
        String key = host == null || host.isBlank() ? String.valueOf(own.host()) : host;
        return engines.computeIfAbsent(key, h -> {
            if (h.equals(String.valueOf(own.host()))) {
                return new LocalEngine(own);
            }
            own.close();
            return new LocalEngine(DockerConnection.to(h));
        });
    }

    private synchronized Served served() {
        if (served == null) {
            served = Served.start();
        }
        return served;
    }

    /** The endpoints every run of the agent is served by, and what assumes the roles they serve. */
    private record Served(AgentEndpoints endpoints, RoleAssumer roles) implements AutoCloseable {
        static Served start() {
            RoleAssumer roles = LocalRunSetup.roles();
            return new Served(AgentEndpoints.start(roles, AgentEndpoints.Settings.defaults()), roles);
        }

        @Override
        public void close() {
            try {
                endpoints.close();
            } catch (RuntimeException ignored) {
                // Its shutdown hook removes what it added.
            }
            if (roles instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // Its client holds nothing that outlives the process.
                }
            }
        }
    }

    /**
     * Where a run's lines go: the agent's log always, and the command that handed the run over while it waits for
     * the run to start.
     */
    static final class Sinks {
        private final PrintStream log;
        private final String design;
        private final Map<String, TaskStatus> seen = new ConcurrentHashMap<>();
        private final List<Follower> followers = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final RuntimeListener toFollowers = RuntimeLines.encoder(node -> {
            for (Follower f : followers) {
                if (f.gone || !f.offer(node)) {
                    followers.remove(f);
                }
            }
        });
        private volatile Consumer<String> caller;

        Sinks(PrintStream log, String design) {
            this.log = log;
            this.design = design;
        }

        void attach(Consumer<String> to) {
            caller = to;
        }

        /** From now on {@code follower} hears every change of the run, until {@link #end}. */
        void follow(Follower follower) {
            followers.add(follower);
        }

        /** The run is let go: each follower's last line says why. */
        void end(String reason) {
            for (Follower f : followers) {
                f.offer(AgentFiles.JSON.createObjectNode().put("end", reason));
                f.end();
            }
            followers.clear();
        }

        void progress(String message) {
            say(now() + " " + message);
        }

        private void say(String line) {
            log.println(design + " | " + line);
            Consumer<String> to = caller;
            if (to != null) {
                to.accept(line);
            }
        }

        RuntimeListener listener() {
            return new RuntimeListener() {
                @Override
                public void instanceChanged(io.stowage.model.runtime.InstanceState instance) {
                    toFollowers.instanceChanged(instance);
                }

                @Override
                public void serviceChanged(io.stowage.model.runtime.ServiceState service) {
                    toFollowers.serviceChanged(service);
                }

                @Override
                public void containerMetrics(String taskArn, String container,
                                             io.stowage.model.runtime.ContainerMetrics sample) {
                    toFollowers.containerMetrics(taskArn, container, sample);
                }

                @Override
                public void taskChanged(TaskState t) {
                    toFollowers.taskChanged(t);
                    if (seen.put(t.taskArn(), t.lastStatus()) != t.lastStatus()) {
                        String who = t.serviceName() != null ? t.serviceName() : t.family();
                        say(now() + " " + who + "/" + t.shortId() + " " + t.lastStatus()
                                + (t.isStopped() && t.stoppedReason() != null ? " (" + t.stoppedReason() + ")" : ""));
                    }
                }

                @Override
                public void event(ClusterEvent e) {
                    toFollowers.event(e);
                    say(now() + " " + (e.subject() == null ? "" : e.subject() + ": ") + e.message());
                }

                @Override
                public void engineLost(String reason) {
                    toFollowers.engineLost(reason);
                    say(now() + " engine: lost: " + reason);
                }

                @Override
                public void engineBack() {
                    toFollowers.engineBack();
                    say(now() + " engine: back");
                }
            };
        }
    }

    /** What one command or window is sent, in order: the lines of its stream, then {@link #END}. */
    static final class Follower {
        static final ObjectNode END = AgentFiles.JSON.createObjectNode();
        final java.util.concurrent.BlockingQueue<ObjectNode> queue = new java.util.concurrent.LinkedBlockingQueue<>(
                100_000);
        volatile boolean gone;

        /** False when it cannot take more (a window that stopped reading): it is then let go. */
        boolean offer(ObjectNode node) {
            if (gone) {
                return false;
            }
            if (!queue.offer(node)) {
                gone = true;
                queue.clear();
                queue.offer(END);
                return false;
            }
            return true;
        }

        void end() {
            queue.offer(END);
        }
    }

    /**
     * What a detached up leaves, as it is: "2 tasks running, 1 stopped (web/3f2a9c1d: Essential container in task
     * exited)"; a task that stopped is not counted as started.
     */
    public static String summary(List<TaskState> tasks) {
        long running = tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        List<TaskState> stopped = tasks.stream().filter(TaskState::isStopped).toList();
        // On their way down (an essential container exited a moment ago): stopping, not "not started".
        List<TaskState> stopping = tasks.stream().filter(t -> !t.isStopped() && t.lastStatus() != TaskStatus.RUNNING
                && (t.desiredStatus() == TaskStatus.STOPPED || t.lastStatus().compareTo(TaskStatus.RUNNING) > 0))
                .toList();
        long other = tasks.size() - running - stopped.size() - stopping.size();
        StringBuilder out = new StringBuilder(running + (running == 1 ? " task" : " tasks")).append(" running");
        if (!stopped.isEmpty()) {
            out.append(", ").append(stopped.size()).append(" stopped (");
            for (int i = 0; i < stopped.size() && i < 3; i++) {
                TaskState t = stopped.get(i);
                out.append(i > 0 ? "; " : "").append(t.serviceName() != null ? t.serviceName() : t.family())
                        .append('/').append(t.shortId());
                if (t.stoppedReason() != null) {
                    out.append(": ").append(t.stoppedReason());
                }
            }
            out.append(stopped.size() > 3 ? "; ...)" : ")");
        }
        if (!stopping.isEmpty()) {
            out.append(", ").append(stopping.size()).append(" stopping");
            TaskState first = stopping.get(0);
            if (first.stoppedReason() != null) {
                out.append(" (").append(first.serviceName() != null ? first.serviceName() : first.family())
                        .append('/').append(first.shortId()).append(": ").append(first.stoppedReason())
                        .append(stopping.size() > 1 ? "; ...)" : ")");
            }
        }
        if (other > 0) {
            out.append(", ").append(other).append(" not started");
        }
        return out.toString();
    }

    private static ObjectNode line(String text) {
        ObjectNode node = AgentFiles.JSON.createObjectNode();
        node.put("line", text);
        return node;
    }

    private static ObjectNode failure(int exit, String kind, String message) {
        ObjectNode node = AgentFiles.JSON.createObjectNode();
        node.put("exit", exit);
        node.put("kind", kind);
        node.put("error", message);
        return node;
    }

    private static ObjectNode message(String text) {
        ObjectNode node = AgentFiles.JSON.createObjectNode();
        node.put("message", text);
        return node;
    }

    private static void reply(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void closeQuietly(LocalRun run) {
        try {
            run.close();
        } catch (RuntimeException ignored) {
            // Letting it go anyway.
        }
    }

    private static String now() {
        return LocalTime.now().format(CLOCK);
    }
}
