package io.stowage.engine.ecs;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.LogConfiguration;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.LogLine;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads what a task's container printed on ECS, from CloudWatch Logs, where the container logs with
 * {@code awslogs}. The stream is {@code <awslogs-stream-prefix>/<container>/<task id>} (Developer Guide,
 * using_awslogs: "prefix-name/container-name/ecs-task-id"); following polls for new events every two seconds.
 */
final class CloudWatchLogReader {
    static final Duration FOLLOW_PACE = Duration.ofSeconds(2);

    private final AwsClients aws;

    CloudWatchLogReader(AwsClients aws) {
        this.aws = aws;
    }

    AutoCloseable lines(TaskDefinition definition, String container, String taskId, int tail, boolean follow,
                        Consumer<LogLine> sink) {
        Where where = where(definition, container, taskId);
        CloudWatchLogsClient logs = aws.logs();
        GetLogEventsResponse first = AwsErrors.call(aws.settings(), "GetLogEvents", () -> logs.getLogEvents(r -> {
            r.logGroupName(where.group()).logStreamName(where.stream()).startFromHead(false);
            if (tail > 0) {
                r.limit(Math.min(tail, 10_000));
            }
        }));
        deliver(first.events(), sink);
        if (!follow) {
            return () -> { };
        }
        Thread poller = new Thread(() -> {
            String token = first.nextForwardToken();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(FOLLOW_PACE.toMillis());
                    String from = token;
                    GetLogEventsResponse next = logs.getLogEvents(r -> r.logGroupName(where.group())
                            .logStreamName(where.stream()).startFromHead(true).nextToken(from));
                    deliver(next.events(), sink);
                    token = next.nextForwardToken();
                } catch (InterruptedException stopped) {
                    return;
                } catch (RuntimeException unreachable) {
                    sink.accept(new LogLine(Instant.now(), true, "(CloudWatch Logs: " + unreachable.getMessage() + ")"));
                    return;
                }
            }
        }, "cloudwatch-logs-" + container);
        poller.setDaemon(true);
        poller.start();
        return poller::interrupt;
    }

    /** The group and stream of a container's awslogs, or a message saying why there is none. */
    static Where where(TaskDefinition definition, String container, String taskId) {
        ContainerDefinition def = definition.containerDefinitions().stream()
                .filter(c -> container.equals(c.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the task definition has no container " + container));
        LogConfiguration log = def.logConfiguration();
        if (log == null || !"awslogs".equals(log.logDriver())) {
            throw new IllegalStateException(container + " does not log with awslogs"
                    + (log == null ? "" : " but with " + log.logDriver())
                    + ": ECS keeps its lines on the instance, not in CloudWatch Logs");
        }
        Map<String, String> options = log.options() == null ? Map.of() : log.options();
        String group = options.get("awslogs-group");
        String prefix = options.get("awslogs-stream-prefix");
        if (group == null || prefix == null) {
            throw new IllegalStateException(container + "'s awslogs configuration names no "
                    + (group == null ? "awslogs-group" : "awslogs-stream-prefix")
                    + ", so its log stream cannot be found from the task");
        }
        return new Where(group, prefix + "/" + container + "/" + taskId);
    }

    private static void deliver(List<OutputLogEvent> events, Consumer<LogLine> sink) {
        for (OutputLogEvent event : events) {
            Instant at = event.timestamp() == null ? null : Instant.ofEpochMilli(event.timestamp());
            sink.accept(new LogLine(at, false, event.message()));
        }
    }

    record Where(String group, String stream) {
    }
}
