package io.stowage.model.agent;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.agent.TaskStateMachine.Action;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.model.sim.ContainerBehaviour;
import io.stowage.model.sim.SimulatedTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's task and container rules on a fake clock, table-driven the way the ECS agent tests its transitions
 * (agent/api/task/task_test.go, agent/engine/task_manager_test.go): each row is a task definition, what each
 * container does, and the transitions, reason and stop code that must follow.
 */
class TaskStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static TaskDefinition td(String containers) {
        try {
            return TaskDefinitionFormat.parse("t.json", "{\"family\": \"t\", \"containerDefinitions\": ["
                    + containers + "]}").taskDefinition();
        } catch (UnreadableFileException e) {
            throw new AssertionError(e);
        }
    }

    /** Plays the task until {@code until}, and says each task status it reached with its second. */
    static List<String> play(SimulatedTask task, Duration until) {
        List<String> out = new ArrayList<>();
        Instant now = T0;
        Instant end = T0.plus(until);
        for (int guard = 0; guard < 10_000; guard++) {
            if (task.advance(now)) {
                out.add(Duration.between(T0, now).toSeconds() + "s " + task.status());
            }
            Instant next = task.nextEventAt().orElse(null);
            if (next == null || next.isAfter(end) || task.status() == TaskStatus.STOPPED) {
                break;
            }
            now = next.isAfter(now) ? next : now.plusNanos(1);
        }
        return out;
    }

    static Stream<Arguments> stories() {
        ContainerBehaviour d = ContainerBehaviour.DEFAULT;
        return Stream.of(
                Arguments.of("an essential container exiting at 3 s stops the task, the sidecar with it",
                        "{\"name\": \"app\"}, {\"name\": \"side\", \"essential\": false}",
                        Map.of("app", d.withExit(1, Duration.ofSeconds(3))),
                        List.of("0s PENDING", "0s RUNNING", "3s STOPPED"),
                        "Essential container in task exited", "EssentialContainerExited",
                        Map.of("app", 1, "side", 143)),
                Arguments.of("a non-essential container exiting leaves the task running",
                        "{\"name\": \"app\"}, {\"name\": \"job\", \"essential\": false}",
                        Map.of("job", d.withExit(0, Duration.ofSeconds(5))),
                        List.of("0s PENDING", "0s RUNNING"), null, null, Map.of("job", 0)),
                Arguments.of("a slow start keeps the task PENDING until every container runs",
                        "{\"name\": \"app\"}, {\"name\": \"side\", \"essential\": false}",
                        Map.of("side", d.withStartsIn(Duration.ofSeconds(8))),
                        List.of("0s PENDING", "8s RUNNING"), null, null, Map.of()),
                Arguments.of("dependsOn SUCCESS on a job that fails: the dependent never starts (143), the task stops",
                        "{\"name\": \"migrate\", \"essential\": false}, {\"name\": \"app\", \"dependsOn\":"
                                + " [{\"containerName\": \"migrate\", \"condition\": \"SUCCESS\"}]}",
                        Map.of("migrate", d.withExit(2, Duration.ofSeconds(4))),
                        List.of("0s PENDING", "4s STOPPED"),
                        "Essential container in task exited", "EssentialContainerExited",
                        Map.of("migrate", 2, "app", 143)),
                Arguments.of("dependsOn SUCCESS on a job that succeeds: the dependent starts after it",
                        "{\"name\": \"migrate\", \"essential\": false}, {\"name\": \"app\", \"dependsOn\":"
                                + " [{\"containerName\": \"migrate\", \"condition\": \"SUCCESS\"}]}",
                        Map.of("migrate", d.withExit(0, Duration.ofSeconds(4))),
                        List.of("0s PENDING", "4s RUNNING"), null, null, Map.of("migrate", 0)),
                Arguments.of("dependsOn HEALTHY on a db that never turns healthy times out at its startTimeout",
                        "{\"name\": \"db\", \"startTimeout\": 45, \"healthCheck\": {\"command\": [\"CMD\", \"x\"],"
                                + " \"interval\": 10}}, {\"name\": \"app\", \"dependsOn\":"
                                + " [{\"containerName\": \"db\", \"condition\": \"HEALTHY\"}]}",
                        Map.of("db", d.withHealthyAfter(null)),
                        List.of("0s PENDING", "45s STOPPED"),
                        "Essential container in task exited", "EssentialContainerExited",
                        Map.of("app", 143, "db", 143)),
                Arguments.of("dependsOn HEALTHY waits for the first passing check",
                        "{\"name\": \"db\", \"healthCheck\": {\"command\": [\"CMD\", \"x\"], \"interval\": 10}},"
                                + " {\"name\": \"app\", \"dependsOn\": [{\"containerName\": \"db\", \"condition\":"
                                + " \"HEALTHY\"}]}",
                        Map.of("db", d.withHealthyAfter(Duration.ofSeconds(15))),
                        List.of("0s PENDING", "20s RUNNING"), null, null, Map.of()),
                Arguments.of("a restart policy restarts in place once the container ran its attempt period",
                        "{\"name\": \"app\", \"restartPolicy\": {\"enabled\": true, \"restartAttemptPeriod\": 60}}",
                        Map.of("app", ContainerBehaviour.crashLoop(1, Duration.ofSeconds(90))),
                        List.of("0s PENDING", "0s RUNNING"), null, null, Map.of()),
                Arguments.of("a restart policy does not restart a container that fails sooner than its period",
                        "{\"name\": \"app\", \"restartPolicy\": {\"enabled\": true, \"restartAttemptPeriod\": 60}}",
                        Map.of("app", ContainerBehaviour.crashLoop(1, Duration.ofSeconds(10))),
                        List.of("0s PENDING", "0s RUNNING", "10s STOPPED"),
                        "Essential container in task exited", "EssentialContainerExited", Map.of("app", 1)),
                Arguments.of("a container that ignores SIGTERM is killed after its stopTimeout",
                        "{\"name\": \"app\"}, {\"name\": \"side\", \"essential\": false, \"stopTimeout\": 20}",
                        Map.of("app", d.withExit(0, Duration.ofSeconds(5)), "side", d.withIgnoresSigterm(true)),
                        List.of("0s PENDING", "0s RUNNING", "5s STOPPING", "25s STOPPED"),
                        "Essential container in task exited", "EssentialContainerExited",
                        Map.of("app", 0, "side", 137)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void story(String title, String containers, Map<String, ContainerBehaviour> behaviours, List<String> transitions,
               String reason, String stopCode, Map<String, Integer> exitCodes) {
        SimulatedTask task = new SimulatedTask(td(containers), behaviours::get);
        assertThat(play(task, Duration.ofMinutes(10))).containsExactlyElementsOf(transitions);
        assertThat(task.machine().stoppedReason()).isEqualTo(reason);
        assertThat(task.machine().stopCode()).isEqualTo(stopCode);
        exitCodes.forEach((name, code) ->
                assertThat(task.machine().find(name).orElseThrow().exitCode()).as(name).isEqualTo(code));
    }

    @Test
    void aDependencyThatNeverMeetsItsConditionNamesItInTheContainersReason() {
        SimulatedTask task = new SimulatedTask(td("{\"name\": \"migrate\", \"essential\": false},"
                + " {\"name\": \"app\", \"dependsOn\": [{\"containerName\": \"migrate\", \"condition\": \"SUCCESS\"}]}"),
                Map.of("migrate", ContainerBehaviour.DEFAULT.withExit(2, Duration.ofSeconds(1)))::get);
        play(task, Duration.ofMinutes(1));
        assertThat(task.machine().find("app").orElseThrow().reason())
                .isEqualTo("CannotStartContainerError: dependency graph: failed to resolve container ordering"
                        + " dependency [migrate] for target [app] as dependency did not exit successfully.");
    }

    @Test
    void healthCountsRetriesOutsideTheStartPeriodOnly() {
        TaskStateMachine m = new TaskStateMachine(td("{\"name\": \"app\", \"healthCheck\": {\"command\":"
                + " [\"CMD\", \"x\"], \"interval\": 10, \"retries\": 2, \"startPeriod\": 15}}"));
        Instant t = T0;
        assertThat(m.advance(t)).containsExactly(new Action.Create("app"));
        m.created("app", t);
        assertThat(m.advance(t)).containsExactly(new Action.Start("app"));
        m.started("app", t);
        m.advance(t);
        assertThat(m.health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(m.nextDeadline()).contains(T0.plusSeconds(10));
        List<HealthStatus> seen = new ArrayList<>();
        for (int s = 10; s <= 40; s += 10) {
            assertThat(m.advance(T0.plusSeconds(s))).containsExactly(new Action.CheckHealth("app"));
            m.checked("app", false, T0.plusSeconds(s));
            seen.add(m.health());
        }
        // 10 s is inside the 15 s start period and does not count; 20 s and 30 s are the two retries.
        assertThat(seen).containsExactly(HealthStatus.UNKNOWN, HealthStatus.UNKNOWN, HealthStatus.UNHEALTHY,
                HealthStatus.UNHEALTHY);
        assertThat(m.status()).isEqualTo(TaskStatus.RUNNING); // the agent does not stop it: the scheduler does
    }

    @Test
    void shutdownRunsInReverseDependencyOrderAndNeverStartedContainersStopWithoutExitCode() {
        TaskStateMachine m = new TaskStateMachine(td("{\"name\": \"db\"}, {\"name\": \"app\", \"dependsOn\":"
                + " [{\"containerName\": \"db\", \"condition\": \"START\"}]}, {\"name\": \"late\", \"essential\":"
                + " false, \"dependsOn\": [{\"containerName\": \"app\", \"condition\": \"HEALTHY\"}]}"));
        Instant t = T0;
        for (int i = 0; i < 5; i++) {
            for (Action a : m.advance(t)) {
                if (a instanceof Action.Create) {
                    m.created(a.container(), t);
                } else if (a instanceof Action.Start) {
                    m.started(a.container(), t);
                }
            }
        }
        m.stop("Scaling activity initiated by (deployment ecs-svc/1)", "ServiceSchedulerInitiated");
        assertThat(m.advance(t)).containsExactly(new Action.Stop("app", Duration.ofSeconds(30)));
        assertThat(m.find("late").orElseThrow().isStopped()).isTrue();
        assertThat(m.find("late").orElseThrow().exitCode()).isNull();
        assertThat(m.status()).isEqualTo(TaskStatus.STOPPING);
        m.exited("app", 143, null, t.plusSeconds(1));
        assertThat(m.advance(t.plusSeconds(1))).containsExactly(new Action.Stop("db", Duration.ofSeconds(30)));
        m.exited("db", 143, null, t.plusSeconds(2));
        m.advance(t.plusSeconds(2));
        assertThat(m.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(m.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment ecs-svc/1)");
        assertThat(m.stopCode()).isEqualTo("ServiceSchedulerInitiated");
    }
}
