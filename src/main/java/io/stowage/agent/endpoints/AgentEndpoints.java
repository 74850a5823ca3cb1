package io.stowage.agent.endpoints;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.TaskEndpoints;
import io.stowage.model.runtime.TaskMetadata;
import io.stowage.model.runtime.TaskRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The HTTP endpoints the local ECS agent serves (ecs-semantics §1.1): the task metadata endpoint (v3, v4) and the
 * task-role credentials at {@code 169.254.170.2:80}, and each emulated instance's introspection API at its address,
 * port 51678. One listener on the loopback, one on the gateway of each design network it serves; on Linux with
 * root, DNAT rules lead 169.254.170.2 to them as the ECS agent's do ({@link MetadataRedirect}); elsewhere the
 * containers' variables name the listeners themselves, a deviation said when the run starts. Everything it adds
 * to the machine (listeners, rules) goes with {@link #close()}, also when the process is ended by a signal.
 */
public final class AgentEndpoints implements TaskEndpoints, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoints.class);
    public static final int INTROSPECTION_PORT = 51678;

    /**
     * How the endpoints are set up.
     *
     * @param redirect            lead 169.254.170.2 to the endpoints with iptables when it can (the ECS way); false
     *                            names the listeners in the variables instead
     * @param credentialsLifetime how long assumed role credentials are asked to last
     * @param introspection       serve the introspection API on the instances' addresses
     * @param clock               the clock credentials expire by
     */
    public record Settings(boolean redirect, Duration credentialsLifetime, boolean introspection, Clock clock) {
        public static Settings defaults() {
            return new Settings(true, Duration.ofHours(1), true, Clock.systemUTC());
        }

        public Settings withRedirect(boolean value) {
            return new Settings(value, credentialsLifetime, introspection, clock);
        }

        public Settings withCredentialsLifetime(Duration value) {
            return new Settings(redirect, value, introspection, clock);
        }
    }

    private final Settings settings;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final RunDirectory directory = new RunDirectory();
    private final CredentialsStore credentials;
    private final MetadataHandler metadata;
    private final HttpServer loopback;
    private final String redirectUnavailable;
    private final MetadataRedirect redirect;
    private final Map<LocalRun, Attachment> attachments = new LinkedHashMap<>();
    private final Map<String, HttpServer> introspection = new LinkedHashMap<>();
    private List<String> hostRule;
    private final Thread cleanup = new Thread(this::close, "stowage-endpoints-cleanup");
    private volatile boolean closed;

    private record Attachment(DesignNetwork network, HttpServer gatewayListener, List<String> rule,
                              List<String> introspectionAddresses, boolean hostMode) {
    }

    private AgentEndpoints(RoleAssumer assumer, Settings settings) throws IOException {
        this.settings = settings;
        this.executor = Executors.newFixedThreadPool(4, daemon("stowage-endpoints"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("stowage-credentials"));
        this.credentials = new CredentialsStore(assumer, timer, settings.clock(), settings.credentialsLifetime());
        this.metadata = new MetadataHandler(directory, credentials);
        this.loopback = listen(InetAddress.getLoopbackAddress(), 0, metadata);
        String unavailable = settings.redirect() ? MetadataRedirect.unavailableReason().orElse(null)
                : "it was turned off";
        this.redirectUnavailable = unavailable;
        this.redirect = unavailable == null ? new MetadataRedirect() : null;
        if (redirect != null) {
            int stale = MetadataRedirect.removeStale();
            if (stale > 0) {
                LOG.info("removed {} rules of Stowage agents that are gone", stale);
            }
        }
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts the endpoints' loopback listener; runs are served once {@linkplain #attach attached}. */
    public static AgentEndpoints start(RoleAssumer assumer, Settings settings) {
        try {
            return new AgentEndpoints(assumer, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("the agent's endpoints cannot listen on the loopback: " + e.getMessage(), e);
        }
    }

    /** The port of the loopback listener (where host-mode containers' 169.254.170.2 leads). */
    public int port() {
        return loopback.getAddress().getPort();
    }

    /** Whether 169.254.170.2 itself leads to the endpoints (root on Linux, the engine on this machine). */
    public boolean redirects() {
        return redirect != null;
    }

    /** What the endpoints read: every task of every run attached. */
    public TaskDirectory directory() {
        return directory;
    }

    @Override
    public synchronized EndpointAccess attach(LocalRun run, DesignNetwork network) {
        if (closed) {
            throw new IllegalStateException("the agent's endpoints are closed");
        }
        Attachment before = attachments.remove(run);
        if (before != null) {
            undo(before, false);
        }
        List<String> deviations = new ArrayList<>();
        String bridgeBase;
        String hostBase;
        HttpServer gatewayListener = null;
        List<String> rule = null;
        boolean hostMode = run.networkModes().contains("host");
        if (network.dockerDesktop()) {
            // The engine's networks are in Docker Desktop's VM; host.docker.internal leads from there to this
            // machine's loopback.
            bridgeBase = "http://host.docker.internal:" + port();
            hostBase = bridgeBase;
            deviations.add("the task metadata endpoint and task-role credentials are at " + bridgeBase + " instead of "
                    + "http://169.254.170.2 (Docker Desktop's containers cannot reach that address on this machine); "
                    + "containers get AWS_CONTAINER_CREDENTIALS_FULL_URI, which AWS SDKs accept only for loopback "
                    + "or ECS addresses, so an SDK inside may refuse it");
        } else {
            try {
                gatewayListener = listen(InetAddress.getByName(network.gateway()), port(), metadata);
            } catch (IOException | RuntimeException notHere) {
                try {
                    gatewayListener = network.gateway() == null ? null
                            : listen(InetAddress.getByName(network.gateway()), 0, metadata);
                } catch (IOException | RuntimeException stillNot) {
                    gatewayListener = null;
                }
            }
            if (gatewayListener == null) {
                bridgeBase = null;
                hostBase = null;
                deviations.add("the task metadata endpoint and task-role credentials are not reachable from this "
                        + "run's containers: the Docker engine's network " + network.name() + " (gateway "
                        + network.gateway() + ") is not on this machine (a remote engine, or another network "
                        + "namespace); containers get the variables ECS sets, but nothing answers there");
            } else if (redirect != null) {
                rule = redirect.fromSubnet(network.subnet(), network.gateway(),
                        gatewayListener.getAddress().getPort());
                bridgeBase = EndpointAccess.ECS_BASE;
                hostBase = hostMode && hostRule() ? EndpointAccess.ECS_BASE : "http://127.0.0.1:" + port();
            } else {
                bridgeBase = "http://" + network.gateway() + ":" + gatewayListener.getAddress().getPort();
                hostBase = "http://127.0.0.1:" + port();
                deviations.add("the task metadata endpoint and task-role credentials are at " + bridgeBase
                        + " (host-mode tasks: " + hostBase + ") instead of http://169.254.170.2: leading that address "
                        + "to them needs iptables as root, and " + redirectUnavailable + "; containers get "
                        + "AWS_CONTAINER_CREDENTIALS_FULL_URI in place of the relative URI");
            }
        }
        List<String> addresses = settings.introspection() ? introspect(run, deviations) : List.of();
        attachments.put(run, new Attachment(network, gatewayListener, rule, addresses, hostMode));
        directory.add(run);
        return new EndpointAccess(bridgeBase, hostBase, deviations);
    }

    /** The machine-wide rule for host-mode containers, made once while a run with host-mode tasks is served. */
    private boolean hostRule() {
        if (hostRule == null) {
            try {
                hostRule = redirect.fromHost("127.0.0.1", port());
            } catch (IllegalStateException e) {
                LOG.warn("host-mode tasks will not reach 169.254.170.2: {}", e.getMessage());
                return false;
            }
        }
        return true;
    }

    private List<String> introspect(LocalRun run, List<String> deviations) {
        List<String> bound = new ArrayList<>();
        for (LocalRun.Instance instance : run.instances()) {
            if (instance.address() == null) {
                continue;
            }
            if (introspection.containsKey(instance.address())) {
                deviations.add("the agent introspection API of instance " + instance.instanceId() + " is not served: "
                        + "another design's instance already has " + instance.address());
                continue;
            }
            try {
                HttpServer server = listen(InetAddress.getByName(instance.address()), INTROSPECTION_PORT,
                        new IntrospectionHandler(instance, run::metadata));
                introspection.put(instance.address(), server);
                bound.add(instance.address());
            } catch (IOException | RuntimeException e) {
                deviations.add("the agent introspection API of instance " + instance.instanceId() + " is not served at "
                        + instance.address() + ":" + INTROSPECTION_PORT + ": " + e.getMessage());
            }
        }
        return bound;
    }

    @Override
    public synchronized void detach(LocalRun run) {
        Attachment a = attachments.remove(run);
        directory.remove(run);
        if (a != null) {
            undo(a, true);
        }
        for (TaskMetadata t : run.metadata()) {
            if (t.credentialsId() != null) {
                credentials.stop(t.credentialsId());
            }
        }
        if (hostRule != null && attachments.values().stream().noneMatch(Attachment::hostMode)) {
            redirect.remove(hostRule);
            hostRule = null;
        }
    }

    private void undo(Attachment a, boolean introspectionToo) {
        if (a.rule() != null) {
            redirect.remove(a.rule());
        }
        if (a.gatewayListener() != null) {
            a.gatewayListener().stop(0);
        }
        if (introspectionToo) {
            for (String address : a.introspectionAddresses()) {
                HttpServer server = introspection.remove(address);
                if (server != null) {
                    server.stop(0);
                }
            }
        }
    }

    @Override
    public TaskRole serveRole(RoleRequest request, Consumer<TaskRole> changes) {
        return credentials.serve(request, changes);
    }

    @Override
    public void stopRole(String credentialsId) {
        credentials.stop(credentialsId);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (LocalRun run : new ArrayList<>(attachments.keySet())) {
                detach(run);
            }
            if (redirect != null) {
                redirect.removeAll();
            }
            credentials.stopAll();
            loopback.stop(0);
        }
        timer.shutdownNow();
        executor.shutdownNow();
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway.
            }
        }
    }

    private HttpServer listen(InetAddress address, int port, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 64);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
