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
            try {
                return new Made<>(attempt.get(), false);
            } catch (SdkException e) {
                if (n == ATTEMPTS || !unanswered(e)) {
                    return new Made<>(AwsErrors.call(settings, operation, () -> {
                        throw e;
                    }), false);
                }
            }
            pause(n);
            Optional<T> made = AwsErrors.call(settings, operation + " (reading back what it made)", lookup);
            if (made.isPresent()) {
                return new Made<>(made.get(), true);
            }
        }
    }

    /** Whether the attempt may have been carried out though no answer said so. */
    static boolean unanswered(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        if (e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
            return true;
        }
        if (e instanceof SdkClientException) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException) {
                    return true;
                }
            }
        }
        return false;
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
