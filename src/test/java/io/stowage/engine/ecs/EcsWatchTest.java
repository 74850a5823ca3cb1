package io.stowage.engine.ecs;

import io.stowage.model.deploy.EcsAgentConfig;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches a cluster whose container instances the test registers as their agents would, with tasks that moto
 * places on them; moto's state manager moves the tasks through their lifecycle, one status per so many
 * DescribeTasks calls.
 */
@Tag("ecs")
class EcsWatchTest {

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    private AwsClients aws;
    private MotoAccount account;
    private final Recorder recorder = new Recorder();
    private String designed;
    private String plain;

    @BeforeEach
    void cluster() {
        ECS.reset();
        aws = new AwsClients(ECS.settings());
        account = new MotoAccount(aws);
        aws.ecs().createCluster(r -> r.clusterName("live"));
        aws.ecs().registerTaskDefinition(r -> r.family("app").containerDefinitions(
                ContainerDefinition.builder().name("main").image("busybox").memory(512).cpu(256).build()));
        designed = account.register("live", account.runInstance("t3.medium", "us-east-1a"), List.of(Attribute.builder()
                .name(EcsAgentConfig.INSTANCE_ATTRIBUTE).value("i-0a1b2c3d").build())).containerInstanceArn();
        plain = account.register("live", account.runInstance("t3.large", "us-east-1b"), List.of())
                .containerInstanceArn();
    }

    @AfterEach
    void close() {
        MotoAccount.taskTransitions(ECS.endpoint(), null);
        aws.close();
    }

    private List<String> run(int count) {
        return aws.ecs().runTask(r -> r.cluster("live").taskDefinition("app").count(count)
                .launchType(LaunchType.EC2)).tasks().stream().map(t -> t.taskArn()).toList();
    }

    @Test
    void tasksShowOnTheirInstancesAndGoThroughTheirLifecycle() {
        MotoAccount.taskTransitions(ECS.endpoint(), 2);
        List<String> started = run(3);
        EcsWatcher watcher = new EcsWatcher(aws, "live", recorder, EcsWatcher.Options.DEFAULTS);

        EcsWatcher.Refresh first = watcher.refresh();

        assertThat(first.changes()).isEqualTo(5);
        assertThat(recorder.latestTasks().values()).hasSize(3).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(t.cluster()).isEqualTo("live");
            assertThat(t.family()).isEqualTo("app");
            assertThat(t.containerInstanceArn()).isIn(designed, plain);
            assertThat(t.instanceId()).isEqualTo(t.containerInstanceArn().equals(designed) ? "i-0a1b2c3d"
                    : recorder.instance(plain).ec2InstanceId());
            assertThat(t.containers()).extracting(c -> c.name() + " " + c.image()).containsExactly("main busybox");
        });
        InstanceState host = recorder.instance(designed);
        assertThat(host.instanceId()).isEqualTo("i-0a1b2c3d");
        assertThat(host.runningTasksCount()).isEqualTo(3);
        assertThat(host.registeredCpu() - host.remainingCpu()).isEqualTo(3 * 256);
        assertThat(host.agentConnected()).isTrue();

        for (int look = 0; look < 12 && !recorder.allStopped(started); look++) {
            watcher.refresh();
        }

        for (String task : started) {
            assertThat(recorder.statuses(task)).containsExactly(TaskStatus.RUNNING, TaskStatus.DEACTIVATING,
                    TaskStatus.STOPPING, TaskStatus.DEPROVISIONING, TaskStatus.STOPPED);
        }
        assertThat(recorder.events).extracting(ClusterEvent::message).contains("RUNNING", "DEACTIVATING", "STOPPED");
        EcsWatcher.Refresh steady = watcher.refresh();
        assertThat(steady.changes()).as("a stopped task is not described again").isZero();
        assertThat(steady.calls()).as("ListTasks RUNNING and STOPPED, ListContainerInstances,"
                + " DescribeContainerInstances, ListServices; no DescribeTasks for stopped tasks").isEqualTo(5);
    }

    @Test
    void aStoppedTaskKeepsItsReasonAndFreesItsInstance() {
        MotoAccount.taskTransitions(ECS.endpoint(), 1000);
        List<String> started = run(2);
        try (EcsEngine engine = new EcsEngine(ECS.settings())) {
            EcsWatcher watcher = new EcsWatcher(aws, "live", recorder, EcsWatcher.Options.DEFAULTS);
            watcher.refresh();

            engine.stopTask("live", started.get(0), "scaled down by the test");
            watcher.refresh();
        }

        TaskState stopped = recorder.latestTasks().get(started.get(0));
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stoppedReason()).isEqualTo("scaled down by the test");
        assertThat(recorder.latestTasks().get(started.get(1)).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        InstanceState host = recorder.instance(stopped.containerInstanceArn());
        assertThat(host.runningTasksCount()).isEqualTo(1);
        assertThat(host.registeredCpu() - host.remainingCpu()).isEqualTo(256);
        assertThat(recorder.events).extracting(ClusterEvent::message).contains("STOPPED: scaled down by the test");
    }

    @Test
    void eachContainerShowsWhatItReservesForEcsReportsNoLiveUse() {
        MotoAccount.taskTransitions(ECS.endpoint(), 1000);
        // moto gives a task one container (its definition's first), so each definition here has one.
        aws.ecs().registerTaskDefinition(r -> r.family("soft").containerDefinitions(
                ContainerDefinition.builder().name("side").image("busybox").memoryReservation(128).build()));
        String task = run(1).get(0);
        String other = aws.ecs().runTask(r -> r.cluster("live").taskDefinition("soft").launchType(LaunchType.EC2))
                .tasks().get(0).taskArn();
        EcsWatcher watcher = new EcsWatcher(aws, "live", recorder, EcsWatcher.Options.DEFAULTS);

        watcher.refresh();

        long mib = 1024 * 1024;
        assertThat(recorder.metrics).containsOnlyKeys(task + "/main", other + "/side");
        ContainerMetrics main = recorder.metrics.get(task + "/main");
        assertThat(main.reserved()).isTrue();
        assertThat(main.cpuUnits()).isEqualTo(256);
        assertThat(main.memoryBytes()).isEqualTo(512 * mib);
        assertThat(main.memoryLimitBytes()).isEqualTo(512 * mib);
        ContainerMetrics side = recorder.metrics.get(other + "/side");
        assertThat(side.cpuUnits()).isZero();
        assertThat(side.memoryBytes()).as("the soft limit is what it reserves").isEqualTo(128 * mib);
        assertThat(side.memoryLimitBytes()).as("no hard limit").isZero();

        recorder.metrics.clear();
        watcher.refresh();
        assertThat(recorder.metrics).as("reservations do not change: reported once per task").isEmpty();
    }

    @Test
    void aStartedWatcherReportsOnItsOwnAndSaysWhenTheEndpointIsLostAndBack() throws Exception {
        MotoAccount.taskTransitions(ECS.endpoint(), 1000);
        run(1);
        try (TcpProxy proxy = TcpProxy.start(ECS.endpoint());
             AwsClients viaProxy = new AwsClients(new EcsSettings(ECS.region(), null, proxy.endpoint(),
                     EcsEndpointExtension.KEYS))) {
            EcsWatcher watcher = new EcsWatcher(viaProxy, "live", recorder,
                    new EcsWatcher.Options(Duration.ofMillis(20), Duration.ofMillis(200)));
            watcher.start();
            assertThat(recorder.firstTask.await(30, TimeUnit.SECONDS)).isTrue();

            proxy.stop();
            assertThat(recorder.lost.await(30, TimeUnit.SECONDS)).isTrue();
            proxy.resume();
            assertThat(recorder.back.await(30, TimeUnit.SECONDS)).isTrue();
            watcher.stop();

            assertThat(watcher.isRunning()).isFalse();
            assertThat(recorder.lostReasons).first().asString().startsWith("no ECS endpoint answers at "
                    + proxy.endpoint());
        }
    }

    /** Records what a watcher reports, and lets a test await the first reports. */
    static final class Recorder implements RuntimeListener {
        final List<TaskState> taskReports = new CopyOnWriteArrayList<>();
        final List<InstanceState> instanceReports = new CopyOnWriteArrayList<>();
        final List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        final List<String> lostReasons = new CopyOnWriteArrayList<>();
        final Map<String, ContainerMetrics> metrics = new java.util.concurrent.ConcurrentHashMap<>();
        final CountDownLatch firstTask = new CountDownLatch(1);
        final CountDownLatch lost = new CountDownLatch(1);
        final CountDownLatch back = new CountDownLatch(1);

        @Override
        public void taskChanged(TaskState task) {
            taskReports.add(task);
            firstTask.countDown();
        }

        @Override
        public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
            metrics.put(taskArn + "/" + containerName, sample);
        }

        @Override
        public void instanceChanged(InstanceState instance) {
            instanceReports.add(instance);
        }

        @Override
        public void event(ClusterEvent event) {
            events.add(event);
        }

        @Override
        public void engineLost(String reason) {
            lostReasons.add(reason);
            lost.countDown();
        }

        @Override
        public void engineBack() {
            back.countDown();
        }

        Map<String, TaskState> latestTasks() {
            Map<String, TaskState> out = new LinkedHashMap<>();
            taskReports.forEach(t -> out.put(t.taskArn(), t));
            return out;
        }

        InstanceState instance(String arn) {
            InstanceState out = null;
            for (InstanceState i : instanceReports) {
                if (arn.equals(i.containerInstanceArn())) {
                    out = i;
                }
            }
            return out;
        }

        List<TaskStatus> statuses(String taskArn) {
            List<TaskStatus> out = new ArrayList<>();
            for (TaskState t : taskReports) {
                if (t.taskArn().equals(taskArn) && (out.isEmpty() || out.get(out.size() - 1) != t.lastStatus())) {
                    out.add(t.lastStatus());
                }
            }
            return out;
        }

        boolean allStopped(List<String> arns) {
            Map<String, TaskState> latest = latestTasks();
            return arns.stream().allMatch(a -> latest.containsKey(a) && latest.get(a).isStopped());
        }
    }
}
