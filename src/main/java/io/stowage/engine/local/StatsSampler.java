package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.RuntimeListener;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports the CPU and memory use of a run's running containers, as {@code docker stats} shows them, every
 * {@link #INTERVAL}. Each running container has one stats stream from the engine (which pushes a reading a
 * second); the sampler reports the use over the interval since its last report and drops the readings between.
 * The run tells it which containers run ({@link #follow}); a stream is closed as soon as its container is no
 * longer among them, when it fails (the container vanished, the engine went away) and when the run closes, so
 * that no stream thread or connection outlives what it watches.
 */
final class StatsSampler implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(2);
    // Readings come a second apart; a report a little early beats one a whole reading late.
    private static final Duration DUE = INTERVAL.minusMillis(400);

    /** A running container to sample. */
    record Target(String taskArn, String container, String dockerId) {
    }

    private final DockerClient docker;
    private final RuntimeListener listener;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    /** The last two readings of each sampled container, for the metadata endpoint's stats. */
    private final Map<String, Readings> latest = new ConcurrentHashMap<>();

    /** A container's last reading and the one before it. */
    record Readings(Statistics now, Statistics before, String name) {
    }
    private volatile boolean closed;

    StatsSampler(DockerClient docker, RuntimeListener listener) {
        this.docker = docker;
        this.listener = listener;
    }

    /** Samples exactly these containers from now on: opens streams for new ones and closes the others'. */
    synchronized void follow(Collection<Target> running) {
        if (closed) {
            return;
        }
        Map<String, Target> wanted = new HashMap<>();
        running.forEach(t -> wanted.put(t.dockerId(), t));
        streams.forEach((id, stream) -> {
            if (!stream.target.equals(wanted.get(id))) {
                stream.cancel();
            }
        });
        wanted.forEach((id, target) -> {
            if (!streams.containsKey(id)) {
                Stream stream = new Stream(target);
                streams.put(id, stream);
                try {
                    docker.statsCmd(id).exec(stream);
                } catch (RuntimeException refused) {
                    stream.cancel(); // gone already, or the engine is: the run notices that through its events
                }
            }
        });
    }

    /** The last readings of a running container, or null when it is not sampled (yet). */
    Readings readings(String dockerId) {
        return latest.get(dockerId);
    }

    /** How many containers are being sampled now. */
    int sampling() {
        return streams.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        streams.values().forEach(Stream::cancel);
    }

    private final class Stream extends ResultCallback.Adapter<Statistics> {
        final Target target;
        private volatile boolean cancelled;
        // Touched only on the stream's own thread.
        private CpuStatsConfig reported;
        private Instant reportedAt;

        Stream(Target target) {
            this.target = target;
        }

        void cancel() {
            cancelled = true;
            streams.remove(target.dockerId(), this);
            latest.remove(target.dockerId());
            quietly(this);
        }

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            if (cancelled) {
                quietly(this); // cancelled before the engine answered: the template would have kept it open
            }
        }

        @Override
        public void onNext(Statistics stats) {
            if (cancelled || closed || stats == null || stats.getCpuStats() == null) {
                return;
            }
            Readings last = latest.get(target.dockerId());
            latest.put(target.dockerId(), new Readings(stats, last == null ? null : last.now(), target.container()));
            Instant at = readAt(stats);
            if (reported == null) {
                // The first reading of a stream has no earlier one to compare with; remember it as the start.
                reported = stats.getCpuStats();
                reportedAt = at;
                return;
            }
            if (Duration.between(reportedAt, at).compareTo(DUE) < 0) {
                return;
            }
            double cpu = DockerStats.cpuPercent(stats.getCpuStats(), reported);
            reported = stats.getCpuStats();
            reportedAt = at;
            if (Double.isNaN(cpu)) {
                return;
            }
            listener.containerMetrics(target.taskArn(), target.container(), new ContainerMetrics(at, cpu,
                    DockerStats.memoryUsed(stats.getMemoryStats()), DockerStats.memoryLimit(stats.getMemoryStats())));
        }

        @Override
        public void onError(Throwable e) {
            // The container went away or the engine did; the run learns of both through Docker's events.
            cancel();
        }

        @Override
        public void onComplete() {
            cancel();
        }
    }

    private static Instant readAt(Statistics stats) {
        try {
            return stats.getRead() == null ? Instant.now() : Instant.parse(stats.getRead());
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static void quietly(Closeable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Already ended.
        }
    }
}
