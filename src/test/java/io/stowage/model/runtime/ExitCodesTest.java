package io.stowage.model.runtime;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {
    private static ContainerState stopped(int code, String reason) {
        return new ContainerState("app", "c1", "busybox", ContainerStatus.RUNNING, null, null, null, true, List.of(),
                null, null).stopped(code, reason, Instant.now());
    }

    @Test
    void a137IsOutOfMemoryOnlyWhenTheContainerWasOomKilled() {
        assertThat(ExitCodes.explain(stopped(137, null))).isEqualTo("137: killed (SIGKILL), not out of memory");
        assertThat(ExitCodes.explain(stopped(137, "OutOfMemoryError: Container killed due to memory usage")))
                .isEqualTo("137: killed (SIGKILL) for using more memory than its limit (out of memory)");
    }

    @Test
    void commonCodesAreSaidInWords() {
        assertThat(ExitCodes.explain(stopped(143, null))).isEqualTo("143: stopped by SIGTERM");
        assertThat(ExitCodes.explain(stopped(1, null))).isEqualTo("1: error (the application's own failure)");
        assertThat(ExitCodes.explain(stopped(127, null))).isEqualTo("127: command not found");
        assertThat(ExitCodes.explain(stopped(0, null))).isEqualTo("0: finished, no error");
        assertThat(ExitCodes.explain(stopped(138, null))).isEqualTo("138: ended by signal 10");
        assertThat(ExitCodes.explain(ContainerState.pending("app", "busybox", true))).isEmpty();
    }
}
