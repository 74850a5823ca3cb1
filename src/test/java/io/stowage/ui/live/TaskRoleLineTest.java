package io.stowage.ui.live;

import io.stowage.model.runtime.TaskRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** What the task details say of a task's role: which one, what the agent could do with it, whether it was served. */
class TaskRoleLineTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/web";
    private static final Instant SERVED = Instant.parse("2026-12-03T18:02:03Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-03T19:02:03Z");

    private static String clock(Instant at) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(at);
    }

    @Test
    void anAssumedRoleSaysWhetherAContainerFetchedItsCredentials() {
        assertThat(TaskDetails.roleLine(new TaskRole(ROLE, TaskRole.Status.ASSUMED, null, EXPIRES, null)))
                .isEqualTo("Task role " + ROLE + " · assumed · no container has fetched its credentials yet"
                        + " (they expire " + clock(EXPIRES) + ")");
        assertThat(TaskDetails.roleLine(new TaskRole(ROLE, TaskRole.Status.ASSUMED, null, EXPIRES, SERVED)))
                .isEqualTo("Task role " + ROLE + " · assumed · credentials served to a container at " + clock(SERVED)
                        + " (they expire " + clock(EXPIRES) + ")");
    }

    @Test
    void aRefusedRoleSaysWhyAndATaskWithoutOneSaysNothing() {
        assertThat(TaskDetails.roleLine(new TaskRole(ROLE, TaskRole.Status.REFUSED,
                "its trust policy admits only ecs-tasks.amazonaws.com", null, null)))
                .isEqualTo("Task role " + ROLE + " · refused: its containers get no credentials: its trust policy "
                        + "admits only ecs-tasks.amazonaws.com");
        assertThat(TaskDetails.roleLine(TaskRole.pending(ROLE))).isEqualTo("Task role " + ROLE
                + " · being assumed: the credentials endpoint answers 503 meanwhile");
        assertThat(TaskDetails.roleLine(null)).isEmpty();
    }
}
