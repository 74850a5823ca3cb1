package io.stowage.engine.ecs;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches one ECS cluster and reports what its agents and the scheduler report, through the same
 * {@link RuntimeListener} the local runner uses: each look lists the tasks (RUNNING and recently STOPPED) and
 * describes them 100 at a time, describes the container instances and the services (events, deployments), and
 * reports only what changed. It looks again soon while things change and less often when they do not
 * ({@link PollPace}); when AWS cannot be reached it reports the engine lost and keeps trying.
 */
public final class EcsWatcher implements AutoCloseable {

    /**
     * @param fast the wait after a look that saw a change
     * @param slow the longest wait, reached after quiet looks
     */
    public record Options(Duration fast, Duration slow) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    /** What one look did: the changes it reported and the API calls it took. */
    public record Refresh(int changes, long calls) {
    }

    private final AwsClients aws;
    private final String cluster;
    private final RuntimeListener listener;
    private final PollPace pace;
    private final Object lock = new Object();
    private final Map<String, TaskState> tasks = new HashMap<>();
    private final Map<String, InstanceState> instances = new HashMap<>();
    private final Map<String, ServiceState> services = new HashMap<>();
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, Revision> revisions = new HashMap<>();
    private volatile boolean running;
    private volatile java.util.function.Consumer<Refresh> afterLook = r -> {
    };
    private Thread thread;
    private String lost;

    public EcsWatcher(AwsClients aws, String cluster, RuntimeListener listener, Options options) {
        this.aws = aws;
        this.cluster = cluster;
        this.listener = listener;
        this.pace = new PollPace(options.fast(), options.slow());
    }

    /**
     * Called on the watcher's thread after each look it makes on its own, with what the look did: where a
     * listener would rather redraw once per look than once per report.
     */
    public void afterEachLook(java.util.function.Consumer<Refresh> callback) {
        afterLook = callback;
    }

    /** Starts looking on a thread of its own; reports go to the listener from that thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "stowage-ecs-watch-" + cluster);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops looking; returns once the watcher's thread has ended (a call under way is finished first). */
    public void stop() {
        Thread watching;
        synchronized (this) {
            running = false;
            watching = thread;
            thread = null;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        if (watching != null && watching != Thread.currentThread()) {
            try {
                watching.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }

    private void loop() {
        while (running) {
            boolean changed = lookReportingLoss();
            Duration wait = pace.after(changed);
            synchronized (lock) {
                if (running) {
                    try {
                        lock.wait(Math.max(1, wait.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** One look; an unreachable or refusing endpoint is reported as the engine lost, once, and its return too. */
    private boolean lookReportingLoss() {
        try {
            Refresh look = refresh();
            if (lost != null) {
                lost = null;
                listener.engineBack();
            }
            afterLook.accept(look);
            return look.changes() > 0;
        } catch (EngineUnavailableException | EcsRequestException e) {
            if (!e.getMessage().equals(lost)) {
                lost = e.getMessage();
                listener.engineLost(lost);
            }
            return false;
        }
    }

    /**
     * Looks once, now, on the calling thread, and reports what changed since the last look.
     *
     * @throws EngineUnavailableException when AWS cannot be reached
     * @throws EcsRequestException when ECS refuses a call (e.g. the cluster does not exist)
     */
    public synchronized Refresh refresh() {
        long callsBefore = aws.counter().total();
        int changes = 0;
        Map<String, String> instanceIds = new HashMap<>();
        for (ContainerInstance i : containerInstances()) {
            InstanceState state = RuntimeMapping.instance(cluster, i);
            instanceIds.put(i.containerInstanceArn(), state.instanceId());
            if (!state.equals(instances.put(state.key(), state))) {
                listener.instanceChanged(state);
                changes++;
            }
        }
        for (Task t : describeTasks(tasksToDescribe())) {
            Revision revision = revision(t.taskDefinitionArn());
            TaskState state = RuntimeMapping.task(cluster, t, instanceIds, revision.notEssential());
            TaskState before = tasks.put(state.taskArn(), state);
            if (!state.equals(before)) {
                listener.taskChanged(state);
                if (before == null) {
                    reportReserved(state, revision);
                }
                changes++;
                if (before == null || before.lastStatus() != state.lastStatus()) {
                    listener.event(new ClusterEvent(Instant.now(), cluster, state.family() + "/" + state.shortId(),
                            state.lastStatus().name() + (state.isStopped() && state.stoppedReason() != null
                                    ? ": " + state.stoppedReason() : "")));
                }
            }
        }
        for (Service s : ClusterReads.services(aws, cluster)) {
            ServiceState state = RuntimeMapping.service(cluster, s);
            if (!state.equals(services.put(state.key(), state))) {
                listener.serviceChanged(state);
                changes++;
            }
            List<ServiceEvent> fresh = new ArrayList<>(state.events().stream()
                    .filter(e -> seenEvents.add(state.key() + "/" + e.id())).toList());
            java.util.Collections.reverse(fresh);
            for (ServiceEvent e : fresh) {
                listener.event(new ClusterEvent(e.createdAt() == null ? Instant.now() : e.createdAt(), cluster,
                        "service " + state.serviceName(), e.message()));
            }
        }
        return new Refresh(changes, aws.counter().total() - callsBefore);
    }

    /**
     * The tasks whose state may have changed: those listed (desired RUNNING or STOPPED) that were not yet seen
     * STOPPED (a stopped task changes no more), and those seen running that neither list holds now.
     */
    private List<String> tasksToDescribe() {
        Set<String> out = new LinkedHashSet<>();
        Set<String> stopped = new LinkedHashSet<>(listTasks(DesiredStatus.STOPPED));
        for (String arn : listTasks(DesiredStatus.RUNNING)) {
            if (tasks.get(arn) == null || !tasks.get(arn).isStopped()) {
                out.add(arn);
            }
        }
        for (String arn : stopped) {
            TaskState known = tasks.get(arn);
            if (known == null || !known.isStopped()) {
                out.add(arn);
            }
        }
        tasks.forEach((arn, known) -> {
            if (!known.isStopped() && !stopped.contains(arn)) {
                out.add(arn);
            }
        });
        return List.copyOf(out);
    }

    private List<String> listTasks(DesiredStatus desired) {
        List<String> out = new ArrayList<>();
        call("ListTasks", () -> {
            aws.ecs().listTasksPaginator(r -> r.cluster(cluster).desiredStatus(desired).maxResults(100)).taskArns()
                    .forEach(out::add);
            return null;
        });
        return out;
    }

    private List<Task> describeTasks(List<String> arns) {
        List<Task> out = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, Batches.TASKS)) {
            out.addAll(call("DescribeTasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch)))
                    .tasks());
        }
        return out;
    }

    private List<ContainerInstance> containerInstances() {
        List<String> arns = new ArrayList<>();
        call("ListContainerInstances", () -> {
            aws.ecs().listContainerInstancesPaginator(r -> r.cluster(cluster).maxResults(100)).containerInstanceArns()
                    .forEach(arns::add);
            return null;
        });
        List<ContainerInstance> out = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, Batches.INSTANCES)) {
            out.addAll(call("DescribeContainerInstances", () -> aws.ecs().describeContainerInstances(r -> r
                    .cluster(cluster).containerInstances(batch))).containerInstances());
        }
        return out;
    }

    /**
     * What the watch needs of a task definition revision: the containers that are not essential (ECS does not
     * say on the task) and what each container reserves. Revisions never change, so each is read once.
     */
    private record Revision(Set<String> notEssential, Map<String, ContainerMetrics> reserved) {
        static final Revision UNKNOWN = new Revision(Set.of(), Map.of());
    }

    private Revision revision(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return Revision.UNKNOWN;
        }
        return revisions.computeIfAbsent(taskDefinitionArn, arn -> {
            try {
                TaskDefinition td = call("DescribeTaskDefinition", () -> aws.ecs().describeTaskDefinition(r -> r
                        .taskDefinition(arn))).taskDefinition();
                Set<String> notEssential = new HashSet<>();
                Map<String, ContainerMetrics> reserved = new HashMap<>();
                for (ContainerDefinition c : td.containerDefinitions()) {
                    if (Boolean.FALSE.equals(c.essential())) {
                        notEssential.add(c.name());
                    }
                    int cpu = orZero(c.cpu());
                    int memory = orZero(c.memory());
                    int soft = orZero(c.memoryReservation());
                    if (cpu == 0 && memory == 0 && soft == 0 && td.containerDefinitions().size() == 1) {
                        // A lone container without figures of its own has the whole task's (Fargate's way).
                        cpu = parse(td.cpu());
                        memory = parse(td.memory());
                    }
                    if (cpu > 0 || memory > 0 || soft > 0) {
                        reserved.put(c.name(), ContainerMetrics.reserved(Instant.EPOCH, cpu, memory, soft));
                    }
                }
                return new Revision(notEssential, reserved);
            } catch (EcsRequestException deregisteredAndDeleted) {
                return Revision.UNKNOWN;
            }
        });
    }

    /** ECS reports no live use (without Container Insights); what each container reserves stands in for it. */
    private void reportReserved(TaskState task, Revision revision) {
        Instant now = Instant.now();
        revision.reserved().forEach((container, figures) -> {
            if (task.container(container).isPresent()) {
                listener.containerMetrics(task.taskArn(), container, new ContainerMetrics(now, figures.cpuPercent(),
                        figures.memoryBytes(), figures.memoryLimitBytes(), true));
            }
        });
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** A task-level figure ("512", or "0.5 vCPU" / "1 GB", which ECS turns into numbers on registration). */
    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        return AwsErrors.call(aws.settings(), operation, request);
    }
}
