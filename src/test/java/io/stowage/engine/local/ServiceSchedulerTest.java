package io.stowage.engine.local;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service scheduler on the real engine: capacity, scaling, health and throttling as ECS does them. */
@Tag("docker")
class ServiceSchedulerTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @BeforeEach
    void images() {
        TestImages.ensure(ENGINE.client());
    }

    private static String design(String name, String services, String tds) {
        return """
                {"formatVersion": 1, "name": "%s",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "x.small",
                   "availabilityZone": "us-east-1a", "registeredCpu": 1024, "registeredMemoryMiB": 100}],
                   "services": [%s]}],
                 "taskDefinitions": [%s]}
                """.formatted(name, services, tds);
    }

    @Test
    void aTaskThatDoesNotFitStaysPendingUntilScalingMakesRoom() throws Exception {
        String td = "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"image\": \""
                + TestImages.HTTP + "\", \"memory\": 64, \"stopTimeout\": 2}]}";
        String svc = "{\"id\": \"web\", \"service\": {\"serviceName\": \"web\", \"taskDefinition\": \"web\", \"desiredCount\": 1}}";
        try (var h = new LocalRunHarness("scale", design("scale", svc, td), "127.0.50", "127.0.51")) {
            h.awaitTask("one task RUNNING", LocalRunHarness::running);
            h.run.scale("c", "web", 2);
            h.listener.await("the placement failure", LocalRunHarness.TIMEOUT, l -> l.events().stream()
                    .anyMatch(e -> e.message().contains("has insufficient memory available.")));
            TaskState pending = h.awaitTask("a PENDING task with no instance",
                    t -> t.lastStatus() == TaskStatus.PENDING && t.instanceId() == null);
            h.listener.await("the service counting it pending", LocalRunHarness.TIMEOUT,
                    l -> l.services().get(0).pendingCount() == 1);
            assertThat(h.listener.events()).extracting(ClusterEvent::message).anyMatch(m -> m.startsWith(
                    "service web was unable to place a task because no container instance met all of its requirements."));

            h.run.scale("c", "web", 1);
            h.listener.await("the service back to one RUNNING, none pending", LocalRunHarness.TIMEOUT,
                    l -> !l.services().isEmpty() && l.services().get(0).pendingCount() == 0
                            && l.services().get(0).runningCount() == 1);
            h.awaitTask("the pending task gone", t -> t.taskArn().equals(pending.taskArn()) && t.isStopped());
        }
    }

    @Test
    void anUnhealthyServiceTaskIsStoppedAndReplaced() throws Exception {
        String td = "{\"family\": \"sick\", \"containerDefinitions\": [{\"name\": \"sick\", \"image\": \""
                + TestImages.HTTP + "\", \"memory\": 32, \"stopTimeout\": 2, \"healthCheck\": {\"command\":"
                + " [\"CMD-SHELL\", \"exit 1\"], \"interval\": 5, \"timeout\": 2, \"retries\": 1}}]}";
        String svc = "{\"id\": \"sick\", \"service\": {\"serviceName\": \"sick\", \"taskDefinition\": \"sick\", \"desiredCount\": 1}}";
        try (var h = new LocalRunHarness("unhealthy", design("unhealthy", svc, td), "127.0.52", "127.0.53")) {
            TaskState stopped = h.awaitTask("a task stopped for its health", t -> t.isStopped());
            assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
            assertThat(stopped.stopCode()).isEqualTo(StopCode.SERVICE_SCHEDULER_INITIATED);
            assertThat(h.listener.history()).filteredOn(t -> t.taskArn().equals(stopped.taskArn()))
                    .anyMatch(t -> t.healthStatus() == io.stowage.model.runtime.HealthStatus.UNHEALTHY);
            h.awaitTask("a replacement", t -> !t.taskArn().equals(stopped.taskArn()));
        }
    }

    @Test
    void tasksThatNeverStartAreThrottled() throws Exception {
        String td = "{\"family\": \"broken\", \"containerDefinitions\": [{\"name\": \"broken\", \"image\":"
                + " \"stowage-test/no-such-image:1\", \"memory\": 32}]}";
        String svc = "{\"id\": \"broken\", \"service\": {\"serviceName\": \"broken\", \"taskDefinition\": \"broken\","
                + " \"desiredCount\": 1}}";
        var options = LocalRunOptions.defaults().withAddresses("127.0.54", "127.0.55")
                .withThrottleBase(Duration.ofMillis(200));
        try (var h = new LocalRunHarness("throttle", design("throttle", svc, td), options)) {
            h.listener.await("the throttle event", LocalRunHarness.TIMEOUT, l -> l.events().stream()
                    .anyMatch(e -> e.message().equals("(service broken) is unable to consistently start tasks successfully.")));
            assertThat(h.listener.tasks()).allSatisfy(t -> {
                if (t.isStopped()) {
                    assertThat(t.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
                    assertThat(t.stoppedReason()).startsWith("CannotPullContainerError");
                }
            });
        }
    }

    @Test
    void aStoppingTaskIsReplacedWhenItHasStoppedNotWhenAnotherTaskStops() throws Exception {
        // slow: its essential container exits at once; the other one ignores SIGTERM (PID 1 without a handler),
        // so the task stays STOPPING for its stopTimeout. quick: its task ends a few seconds later, meanwhile.
        String slow = "{\"family\": \"slow\", \"containerDefinitions\": ["
                + "{\"name\": \"main\", \"image\": \"" + BusyboxImage.NAME + "\", \"memory\": 16,"
                + " \"command\": [\"sh\", \"-c\", \"sleep 1; exit 1\"]},"
                + "{\"name\": \"lingers\", \"image\": \"" + BusyboxImage.NAME + "\", \"memory\": 16,"
                + " \"essential\": false, \"stopTimeout\": 20, \"command\": [\"sleep\", \"3600\"]}]}";
        String quick = "{\"family\": \"quick\", \"containerDefinitions\": [{\"name\": \"quick\", \"image\": \""
                + BusyboxImage.NAME + "\", \"memory\": 16, \"command\": [\"sh\", \"-c\", \"sleep 5\"]}]}";
        String svcs = "{\"id\": \"slow\", \"service\": {\"serviceName\": \"slow\", \"taskDefinition\": \"slow\","
                + " \"desiredCount\": 1}},"
                + "{\"id\": \"quick\", \"service\": {\"serviceName\": \"quick\", \"taskDefinition\": \"quick\","
                + " \"desiredCount\": 1}}";
        try (var h = new LocalRunHarness("stopping", design("stopping", svcs, slow + "," + quick), "127.0.57", "127.0.58")) {
            TaskState stopping = h.awaitTask("slow's task STOPPING",
                    t -> "service:slow".equals(t.group()) && t.desiredStatus() == TaskStatus.STOPPED && !t.isStopped());
            TaskState quickStopped = h.awaitTask("quick's first task STOPPED",
                    t -> "service:quick".equals(t.group()) && t.isStopped());
            h.awaitTask("quick's replacement", t -> "service:quick".equals(t.group())
                    && !t.taskArn().equals(quickStopped.taskArn()));
            // quick's stop came while slow's task was still stopping: slow has no second task yet.
            assertThat(h.tasksOf("service:slow")).as("slow's tasks while its first one stops")
                    .extracting(TaskState::taskArn).containsOnly(stopping.taskArn());
            assertThat(h.tasksOf("service:slow")).allMatch(t -> !t.isStopped());

            listenerAwaitStopped(h, stopping.taskArn());
            h.awaitTask("slow's replacement once its task has STOPPED", t -> "service:slow".equals(t.group())
                    && !t.taskArn().equals(stopping.taskArn()));
            int stoppedAt = indexOf(h, stopping.taskArn(), TaskState::isStopped);
            int replacementAt = indexOf(h, null, t -> "service:slow".equals(t.group())
                    && !t.taskArn().equals(stopping.taskArn()));
            assertThat(replacementAt).as("the replacement's first report comes after the first task STOPPED")
                    .isGreaterThan(stoppedAt);
        }
    }

    @Test
    void aNewRevisionRollsOutWithinTheDeploymentConfiguration() throws Exception {
        // Both revisions have a health check, so that their tasks count as healthy when Docker says so (without
        // one a task counts 40 s after it reached RUNNING, as ECS waits, and one younger is replaced at once).
        String v1 = "{\"family\": \"roll\", \"containerDefinitions\": [{\"name\": \"app\", \"image\": \""
                + BusyboxImage.NAME + "\", \"memory\": 16, \"stopTimeout\": 2, \"command\": [\"sleep\", \"3600\"],"
                + " \"healthCheck\": {\"command\": [\"CMD-SHELL\", \"true\"], \"interval\": 5, \"timeout\": 2,"
                + " \"retries\": 1}}]}";
        String svc = "{\"id\": \"roll\", \"service\": {\"serviceName\": \"roll\", \"taskDefinition\": \"roll\","
                + " \"desiredCount\": 2}}";
        try (var h = new LocalRunHarness("rolling", design("rolling", svc, v1), "127.0.59", "127.0.60")) {
            h.listener.await("two tasks RUNNING and HEALTHY", LocalRunHarness.TIMEOUT,
                    l -> l.tasks().stream().filter(t -> LocalRunHarness.running(t)
                            && t.healthStatus() == io.stowage.model.runtime.HealthStatus.HEALTHY).count() == 2);
            var v2 = io.stowage.format.TaskDefinitionFormat.parse("roll-2.json", """
                    {"family": "roll", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 16,
                      "stopTimeout": 2, "command": ["sleep", "3601"],
                      "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 5, "timeout": 2, "retries": 1}}]}
                    """.formatted(BusyboxImage.NAME)).taskDefinition();
            // minimumHealthyPercent 50, maximumPercent 100: one old task may stop at a time, none may be added.
            h.run.deploy("c", "roll", v2, 2, 50, 100);
            h.listener.await("the deployment completed and steady", Duration.ofSeconds(120), l -> l.events().stream()
                    .anyMatch(e -> e.message().equals("(service roll) has reached a steady state."))
                    && l.services().get(0).deployments().size() == 1
                    && "COMPLETED".equals(l.services().get(0).deployments().get(0).rolloutState()));
            var service = h.listener.services().get(0);
            assertThat(service.taskDefinitionArn()).endsWith("task-definition/roll:2");
            assertThat(service.runningCount()).isEqualTo(2);
            List<TaskState> running = h.listener.tasks().stream().filter(t -> !t.isStopped()).toList();
            assertThat(running).hasSize(2).allMatch(t -> t.taskDefinitionArn().endsWith("roll:2"));
            List<TaskState> old = h.listener.tasks().stream().filter(t -> t.taskDefinitionArn().endsWith("roll:1"))
                    .toList();
            assertThat(old).hasSize(2).allSatisfy(t -> {
                assertThat(t.isStopped()).isTrue();
                assertThat(t.stoppedReason()).startsWith("Scaling activity initiated by (deployment ecs-svc/");
                assertThat(t.stopCode()).isEqualTo(StopCode.SERVICE_SCHEDULER_INITIATED);
            });
            // Never more than 2 tasks (maximumPercent 100) and never fewer than 1 RUNNING (minimumHealthyPercent 50).
            java.util.Map<String, TaskState> latest = new java.util.LinkedHashMap<>();
            boolean rolling = false;
            for (TaskState t : h.listener.history()) {
                latest.put(t.taskArn(), t);
                rolling |= t.taskDefinitionArn().endsWith("roll:2");
                long alive = latest.values().stream().filter(x -> !x.isStopped()).count();
                long up = latest.values().stream().filter(x -> x.lastStatus() == TaskStatus.RUNNING
                        && x.desiredStatus() == TaskStatus.RUNNING).count();
                assertThat(alive).as("tasks not STOPPED at once").isLessThanOrEqualTo(2);
                if (rolling) {
                    assertThat(up).as("tasks RUNNING during the rollout").isGreaterThanOrEqualTo(1);
                }
            }
            assertThat(h.listener.events()).extracting(ClusterEvent::message)
                    .anyMatch(m -> m.matches("\\(service roll\\) \\(deployment ecs-svc/\\d{19}\\) deployment completed\\."));
        }
    }

    private static void listenerAwaitStopped(LocalRunHarness h, String arn) {
        h.listener.await("slow's first task STOPPED", Duration.ofSeconds(90),
                l -> l.tasks().stream().anyMatch(t -> t.taskArn().equals(arn) && t.isStopped()));
    }

    private static int indexOf(LocalRunHarness h, String arn, java.util.function.Predicate<TaskState> condition) {
        var history = h.listener.history();
        for (int i = 0; i < history.size(); i++) {
            TaskState t = history.get(i);
            if ((arn == null || t.taskArn().equals(arn)) && condition.test(t)) {
                return i;
            }
        }
        return -1;
    }
}
