package io.stowage.engine.ecs;

import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.ChangeKind;
import io.stowage.model.deploy.Rollout;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the services an apply created or updated until ECS says how their rollout ended: COMPLETED (steady
 * state) or FAILED ({@link Rollout}), reporting each new service event and each stopped task's reason as it comes.
 * The SDK's services-stable waiter would say only "stable or not" at the end, so this looks itself, with the
 * watcher's pace: 2 s after something changed, doubling up to 15 s.
 */
public final class RolloutWaiter {
    /** What the wait says as it goes; called on the waiting thread. */
    public interface Listener {
        void said(String cluster, String service, String line);
    }

    /** One service's end: its outcome (IN_PROGRESS when the wait ended first) and ECS's words. */
    public record Result(String cluster, String service, Rollout.Outcome outcome, String words) {
    }

    /** A service to follow. */
    public record Target(String cluster, String service) {
    }

    private final AwsClients aws;

    RolloutWaiter(AwsClients aws) {
        this.aws = aws;
    }

    /** The services the apply created or updated, in the apply's order. */
    public static List<Target> targets(ApplyReport report) {
        List<Target> out = new ArrayList<>();
        for (ApplyReport.Done done : report.done()) {
            var change = done.change();
            if (change.kind() != ChangeKind.CREATE_SERVICE && change.kind() != ChangeKind.UPDATE_SERVICE
                    || change.request() == null) {
                continue;
            }
            String name = text(change.request(), change.kind() == ChangeKind.CREATE_SERVICE ? "serviceName" : "service");
            Target target = new Target(change.cluster(), name);
            if (name != null && !out.contains(target)) {
                out.add(target);
            }
        }
        return out;
    }

    /**
     * Waits until every target's rollout has ended, the timeout has passed or the wait is cancelled; the results
     * of those still under way then say IN_PROGRESS with the last counts.
     */
    public List<Result> await(List<Target> targets, Duration timeout, Listener listener, Cancellation cancellation) {
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        Map<Target, Result> results = new LinkedHashMap<>();
        Map<Target, String> lastWords = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        PollPace pace = new PollPace(Duration.ofSeconds(2), Duration.ofSeconds(15));
        while (true) {
            boolean changed = false;
            for (Target target : targets) {
                if (results.containsKey(target)) {
                    continue;
                }
                Service service = describe(target);
                if (service == null) {
                    results.put(target, new Result(target.cluster(), target.service(), Rollout.Outcome.FAILED,
                            "the service is gone"));
                    continue;
                }
                changed |= report(target, service, started, seen, listener);
                Rollout.Verdict verdict = Rollout.judge(SdkJson.toModel(service));
                if (!verdict.words().equals(lastWords.put(target, verdict.words()))) {
                    changed = true;
                    if (verdict.outcome() == Rollout.Outcome.IN_PROGRESS) {
                        listener.said(target.cluster(), target.service(), verdict.words());
                    }
                }
                if (verdict.outcome() != Rollout.Outcome.IN_PROGRESS) {
                    results.put(target, new Result(target.cluster(), target.service(), verdict.outcome(), verdict.words()));
                }
            }
            if (results.size() == targets.size()) {
                break;
            }
            Duration wait = pace.after(changed);
            if (!pause(wait, deadline, cancellation)) {
                break;
            }
        }
        List<Result> out = new ArrayList<>();
        for (Target target : targets) {
            out.add(results.getOrDefault(target, new Result(target.cluster(), target.service(),
                    Rollout.Outcome.IN_PROGRESS, lastWords.getOrDefault(target, "not described yet"))));
        }
        return out;
    }

    private Service describe(Target target) {
        List<Service> services = AwsErrors.call(aws.settings(), "DescribeServices", () -> aws.ecs().describeServices(r -> r
                .cluster(target.cluster()).services(target.service()))).services();
        return services.isEmpty() ? null : services.get(0);
    }

    /** New service events (since the wait began) and the reasons of tasks of the service that stopped. */
    private boolean report(Target target, Service service, Instant started, Set<String> seen, Listener listener) {
        boolean any = false;
        List<ServiceEvent> events = new ArrayList<>(service.events());
        java.util.Collections.reverse(events); // ECS lists the newest first
        for (ServiceEvent event : events) {
            if (event.createdAt() != null && event.createdAt().isBefore(started.minusSeconds(5))
                    || !seen.add("event:" + event.id())) {
                continue;
            }
            listener.said(target.cluster(), target.service(), "event: " + event.message());
            any = true;
        }
        List<String> stopped = AwsErrors.call(aws.settings(), "ListTasks", () -> aws.ecs().listTasks(r -> r
                .cluster(target.cluster()).serviceName(target.service()).desiredStatus(DesiredStatus.STOPPED))).taskArns();
        List<String> fresh = stopped.stream().filter(arn -> !seen.contains("task:" + arn)).limit(100).toList();
        if (!fresh.isEmpty()) {
            for (Task task : AwsErrors.call(aws.settings(), "DescribeTasks", () -> aws.ecs().describeTasks(r -> r
                    .cluster(target.cluster()).tasks(fresh))).tasks()) {
                if (task.stoppedAt() != null && task.stoppedAt().isBefore(started.minusSeconds(5))) {
                    seen.add("task:" + task.taskArn());
                    continue;
                }
                if (!"STOPPED".equals(task.lastStatus())) {
                    continue; // still stopping: its reason is final once it has stopped
                }
                seen.add("task:" + task.taskArn());
                String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
                listener.said(target.cluster(), target.service(), "task " + id + " stopped: "
                        + (task.stoppedReason() == null ? "(no reason given)" : task.stoppedReason())
                        + (task.stopCodeAsString() == null ? "" : " [" + task.stopCodeAsString() + "]"));
                any = true;
            }
        }
        return any;
    }

    /** Waits, checking for Ctrl-C often; false when the deadline passed or the wait was cancelled. */
    private static boolean pause(Duration wait, Instant deadline, Cancellation cancellation) {
        Instant until = Instant.now().plus(wait);
        if (until.isAfter(deadline)) {
            until = deadline;
        }
        while (Instant.now().isBefore(until)) {
            if (cancellation.isCancelled()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !cancellation.isCancelled() && Instant.now().isBefore(deadline);
    }

    private static String text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.value() : null;
    }
}
