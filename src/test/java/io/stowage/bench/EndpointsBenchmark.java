package io.stowage.bench;

import io.stowage.agent.endpoints.AgentEndpoints;
import io.stowage.engine.ecs.StsRoles;
import io.stowage.engine.local.AgentServices;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.RecordingListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent endpoints' benchmark (issue 17): 1,000 requests from inside a running container to each of the task
 * metadata endpoint (v4 container and task), and the task-role credentials endpoint, at 169.254.170.2 as ECS
 * containers reach them (target: median under 5 ms each). Beside them, the same 1,000 requests to a static file
 * served by busybox httpd in another container of the same network: the floor of the method, since every request
 * is one busybox {@code wget} process, timed by busybox {@code ts -i} between lines (microseconds).
 * Not part of the normal test run (the name does not end in Test); run it with
 * {@code mvn -o test -Dtest=EndpointsBenchmark -Dsurefire.failIfNoSpecifiedTests=false} with a Docker engine,
 * moto_server and root (for the DNAT rules).
 */
@Tag("docker")
@Tag("ecs")
class EndpointsBenchmark {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    private static final int REQUESTS = Integer.getInteger("bench.requests", 1000);

    @Test
    void thousandRequestsFromAContainer() throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Design design = DesignFormat.parse("bench.stowage.json", """
                {"formatVersion": 1, "name": "endpoints-bench",
                 "clusters": [{"id": "c", "name": "bench", "instances": [
                   {"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                  "tasks": [{"id": "client", "run": {"taskDefinition": "client"}},
                            {"id": "peer", "run": {"taskDefinition": "peer"}}]}],
                 "taskDefinitions": [
                  {"family": "client", "taskRoleArn": "arn:aws:iam::123456789012:role/bench",
                   "containerDefinitions": [{"name": "app", "image": "%1$s", "command": ["sleep", "3600"],
                     "memory": 64, "portMappings": [{"containerPort": 8080}]}]},
                  {"family": "peer", "containerDefinitions": [{"name": "httpd", "image": "%1$s", "memory": 32,
                     "command": ["sh", "-c", "mkdir -p /www; wget -qO /www/task.json $ECS_CONTAINER_METADATA_URI_V4/task || echo {} > /www/task.json; exec httpd -f -p 8080 -h /www"]}]}]}
                """.formatted(BusyboxImage.NAME)).design();
        String key = LocalEngine.designKey("endpoints-bench", Path.of("/tmp/stowage-bench/endpoints.stowage.json"));
        RecordingListener listener = new RecordingListener();
        LocalEngine engine = new LocalEngine(DockerConnection.fromEnvironment());
        try (StsRoles roles = new StsRoles(ECS.settings());
             AgentEndpoints endpoints = AgentEndpoints.start(roles, AgentEndpoints.Settings.defaults())) {
            LocalRun run = engine.up(design, key, LocalRunOptions.defaults().withAddresses("127.0.62", "127.0.72")
                    .withPullBehavior(PullBehavior.PREFER_CACHED)
                    .withAgent(AgentServices.NONE.withEndpoints(endpoints).withRegion("us-east-1")), listener, m -> { });
            try {
                listener.await("both tasks RUNNING", Duration.ofSeconds(120), l -> l.tasks().stream()
                        .filter(t -> t.lastStatus() == TaskStatus.RUNNING).count() == 2);
                String client = container(listener, "client", "app");
                String peer = container(listener, "peer", "httpd");
                String peerIp = ENGINE.client().inspectContainerCmd(peer).exec().getNetworkSettings().getNetworks()
                        .values().iterator().next().getIpAddress();
                listener.await("the task role assumed", Duration.ofSeconds(60), l -> task(l, "client").role() != null
                        && task(l, "client").role().serving());
                System.out.printf(Locale.ROOT, "%n%d requests from container %s (busybox wget, one process each)%n",
                        REQUESTS, client.substring(0, 12));
                System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %8s%n", "endpoint", "median", "p90", "p99",
                        "max", "failed");
                for (String[] target : List.of(
                        new String[]{"v4 container metadata", "$ECS_CONTAINER_METADATA_URI_V4"},
                        new String[]{"v4 task metadata", "$ECS_CONTAINER_METADATA_URI_V4/task"},
                        new String[]{"task-role credentials", "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"},
                        new String[]{"peer: busybox httpd, static task.json", "http://" + peerIp + ":8080/task.json"})) {
                    report(target[0], measure(client, target[1]));
                }
            } finally {
                run.close();
                engine.down(key, design, m -> { });
            }
        }
    }

    private record Timings(List<Double> millis, int failed) {
    }

    /** One wget per request; ts -i stamps each line with the time since the line before (µs). */
    private static Timings measure(String container, String url) {
        String script = "for i in $(seq " + (REQUESTS + 1) + "); do wget -qO /dev/null \"" + url
                + "\" || echo FAILED; echo x; done | ts -i '%.s'";
        var result = ContainerShell.sh(ENGINE.client(), container, script);
        List<Double> out = new ArrayList<>();
        int failed = 0;
        boolean first = true;
        for (String line : result.stdout().split("\n")) {
            if (line.endsWith("FAILED")) {
                failed++;
            } else if (line.endsWith(" x")) {
                if (first) {
                    first = false; // from ts's start, not a whole request
                    continue;
                }
                out.add(Double.parseDouble(line.substring(0, line.indexOf(' '))) * 1000);
            }
        }
        assertThat(out).as("timed requests to %s: %s", url, result.stderr()).hasSizeGreaterThanOrEqualTo(REQUESTS - 1);
        return new Timings(out, failed);
    }

    private static void report(String what, Timings t) {
        List<Double> sorted = new ArrayList<>(t.millis());
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-44s %6.2fms %6.2fms %6.2fms %6.2fms %8d%n", what, at(sorted, 0.5),
                at(sorted, 0.9), at(sorted, 0.99), sorted.get(sorted.size() - 1), t.failed());
        assertThat(t.failed()).as(what + " failures").isZero();
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
    }

    private static TaskState task(RecordingListener l, String family) {
        return l.tasks().stream().filter(t -> family.equals(t.family())).findFirst().orElseThrow();
    }

    private static String container(RecordingListener l, String family, String name) {
        return task(l, family).container(name).orElseThrow().runtimeId();
    }
}
