package io.stowage.engine.ecs;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How a call that makes something is retried without making it twice. The SDK retries a call whose answer it
 * did not get, and an endpoint that ignores (or a call that has no) client token then makes a second task, a
 * second revision, a second instance. Here each attempt is made once ({@link AwsClients#ecsOnce()}); when it
 * ends without an answer that says it was refused (the connection cut, a timeout, a 5xx, throttling), what the
 * attempt may have made is looked for first, and the call is made again only when nothing is found.
 *
 * @param <T> what the call gives
 */
final class ReadBeforeRetry<T> {
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    /** What came of it, and whether it was found after an answer was lost rather than answered. */
    record Made<T>(T value, boolean found) {
    }

    private final EcsSettings settings;
    private final String operation;

    ReadBeforeRetry(EcsSettings settings, String operation) {
        this.settings = settings;
        this.operation = operation;
    }

    /**
     * @param attempt one attempt of the call, through a one-attempt client
     * @param lookup  what an earlier attempt made, read back (through retrying clients), or empty
     * @throws EcsRequestException when AWS refuses the call
     * @throws io.stowage.engine.EngineUnavailableException when no attempt got an answer and nothing was made
     */
    Made<T> call(Supplier<T> attempt, Supplier<Optional<T>> lookup) {
        for (int n = 1; ; n++) {
            SdkException failed;
            try {
                return new Made<>(attempt.get(), false);
            } catch (SdkException e) {
                failed = e;
            }
            Outcome outcome = outcome(failed);
            if (n == ATTEMPTS || outcome == Outcome.REFUSED) {
                throw refused(failed);
            }
            pause(n);
            if (outcome == Outcome.NOT_SENT) {
                continue;
            }
            Optional<T> made;
            try {
                made = AwsErrors.call(settings, operation + " (reading back what it made)", lookup);
            } catch (RuntimeException unreadable) {
                // Whether the attempt made something is unknown: trying again could make it twice. The next
                // plan reads what there is.
                throw refused(failed);
            }
            if (made.isPresent()) {
                return new Made<>(made.get(), true);
            }
        }
    }

    private RuntimeException refused(SdkException e) {
        try {
            AwsErrors.call(settings, operation, () -> {
                throw e;
            });
        } catch (RuntimeException mapped) {
            return mapped;
        }
        return e;
    }

    /** What an attempt that failed may have done. */
    enum Outcome {
        /** Never reached the endpoint (no connection): nothing was made; try again. */
        NOT_SENT,
        /** Reached it, no answer came (cut, timed out, 5xx, throttled): something may have been made. */
        UNANSWERED,
        /** Refused with a reason: trying again gives the same. */
        REFUSED
    }

    static Outcome outcome(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException() ? Outcome.UNANSWERED : Outcome.REFUSED;
        }
        if (e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
            return Outcome.UNANSWERED;
        }
        if (e instanceof SdkClientException) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                        || cause instanceof java.net.NoRouteToHostException) {
                    return Outcome.NOT_SENT;
                }
                if (cause instanceof IOException) {
                    return Outcome.UNANSWERED;
                }
            }
        }
        return Outcome.REFUSED;
    }

    /** Exponential backoff with full jitter, as the SDK's own retries do. */
    private static void pause(int attempt) {
        long ceiling = FIRST_PAUSE.toMillis() << (attempt - 1);
        try {
            Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplyStoppedException("interrupted while retrying");
        }
    }
}
