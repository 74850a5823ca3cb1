package io.stowage.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of an endpoint, which a test can stop (every connection is cut and new ones are
 * refused, as when an endpoint stops answering) and start again on the same port, or ask to lose the answer to
 * one request: the request reaches the endpoint, which carries it out, and the connection is cut as its answer
 * comes back (as when a network drops it), so that the client cannot tell whether anything was done.
 */
public final class TcpProxy implements AutoCloseable {
    private final URI target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<String> loseAnswerTo = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger lostAnswers = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ServerSocket server;

    private TcpProxy(URI target, int port) {
        this.target = target;
        this.port = port;
    }

    /** A proxy for {@code target} (an http://host:port endpoint), on a free loopback port. */
    public static TcpProxy start(URI target) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TcpProxy proxy = new TcpProxy(target, port);
        proxy.resume();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Accepts connections (again) on the same port. */
    public synchronized void resume() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread accept = new Thread(() -> acceptLoop(socket), "tcp-proxy-accept-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    /** Cuts every connection and refuses new ones until {@link #resume()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * Loses the answer to the next request whose bytes hold {@code marker} (e.g. an AWS JSON protocol's
     * {@code X-Amz-Target} value, {@code AmazonEC2ContainerServiceV20141113.RunTask}); once.
     */
    public void loseNextAnswerTo(String marker) {
        loseAnswerTo.set(marker);
    }

    /** How many answers were lost so far. */
    public int lostAnswers() {
        return lostAnswers.get();
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                open.add(client);
                open.add(upstream);
                java.util.concurrent.atomic.AtomicBoolean loseAnswer = new java.util.concurrent.atomic.AtomicBoolean();
                pump(client, upstream, loseAnswer, true);
                pump(upstream, client, loseAnswer, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Copies one direction of a connection. Requests (client to endpoint) are watched for the marker of an
     * answer to lose; the answer (endpoint to client) that follows is then not passed on: the connection is cut.
     * HTTP/1.1 clients send a request only after the answer to the one before, so the next answer is its.
     */
    private void pump(Socket from, Socket to, java.util.concurrent.atomic.AtomicBoolean loseAnswer, boolean requests) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            String seen = "";
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (requests) {
                        String marker = loseAnswerTo.get();
                        String text = seen + new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                        if (marker != null && text.contains(marker) && loseAnswerTo.compareAndSet(marker, null)) {
                            loseAnswer.set(true);
                        }
                        seen = text.substring(Math.max(0, text.length() - 256));
                    } else if (loseAnswer.get()) {
                        lostAnswers.incrementAndGet();
                        return; // the finally below cuts both sides
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException cut) {
                // One side went away; the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all that is wanted.
        }
    }
}
