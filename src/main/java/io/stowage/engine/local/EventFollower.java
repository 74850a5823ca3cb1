package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows Docker's event stream for the containers of one design (found by label), as the agent follows it
 * (ecs-semantics §3.1): create, start, die, destroy and health_status events drive container states. When the
 * stream ends or fails while it is still wanted, the engine is gone: {@code onLost} hears why.
 */
final class EventFollower implements Closeable {
    private final DockerClient docker;
    private final String designKey;
    private final Consumer<Event> onEvent;
    private final Consumer<String> onLost;
    private volatile ResultCallback.Adapter<Event> current;
    private volatile boolean closed;

    EventFollower(DockerClient docker, String designKey, Consumer<Event> onEvent, Consumer<String> onLost) {
        this.docker = docker;
        this.designKey = designKey;
        this.onEvent = onEvent;
        this.onLost = onLost;
    }

    /** Follows from {@code since} on (events Docker still holds from then are replayed). */
    synchronized void follow(Instant since) {
        ResultCallback.Adapter<Event> previous = current;
        if (previous != null) {
            quietly(previous);
        }
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                if (this == current && !closed) {
                    onEvent.accept(event);
                }
            }

            @Override
            public void onError(Throwable e) {
                lost(this, "the Docker event stream failed: " + DockerErrors.message(e));
            }

            @Override
            public void onComplete() {
                lost(this, "the Docker engine closed the event stream");
            }
        };
        current = callback;
        docker.eventsCmd()
                .withLabelFilter(Map.of(EcsLabels.DESIGN, designKey))
                .withEventTypeFilter(EventType.CONTAINER)
                .withSince(Long.toString(since.getEpochSecond()))
                .exec(callback);
    }

    private void lost(ResultCallback.Adapter<Event> callback, String reason) {
        if (callback == current && !closed) {
            onLost.accept(reason);
        }
    }

    @Override
    public void close() {
        closed = true;
        ResultCallback.Adapter<Event> callback = current;
        if (callback != null) {
            quietly(callback);
        }
    }

    private static void quietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // Already broken: nothing left to release.
        }
    }
}
