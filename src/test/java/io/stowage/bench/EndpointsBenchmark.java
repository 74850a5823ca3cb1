package io.stowage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.stowage.engine.local.EcsLabels;
import io.stowage.engine.local.LocalEngine;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent endpoints' benchmark (issue 17), against the real thing: {@code stowage up --detach} of a design of 50
 * tasks, every one with a task role (assumed through STS on moto_server), hands the run to the local agent process;
 * from inside one running container, 1,000 requests each to the v4 container metadata, the v4 task metadata and
 * the task-role credentials at 169.254.170.2, as ECS containers reach them (target: median under 5 ms). Beside them,
 * the same 1,000 requests to a static file served by busybox httpd in another task of the same network: the floor
 * of the method, since every request is one busybox {@code wget} process, timed by busybox {@code ts -i} between
 * lines (microseconds). Then the agent process's resident memory (VmRSS, and its peak VmHWM, from /proc) while it
 * serves the 50 tasks. Not part of the normal test run (the name does not end in Test); run it with
 * {@code flock /work/helpers/heavy.lock mvn -o verify -Dit.test=EndpointsBenchmark -Dstowage.requireEngines=true}
 * with a Docker engine on this machine, moto_server on the PATH and root (for the DNAT rules).
 */
@Tag("docker")
@Tag("ecs")
class EndpointsBenchmark {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = Integer.getInteger("bench.requests", 1000);
    private static final int TASKS = Integer.getInteger("bench.tasks", 50);

    @Test
    void thousandRequestsFromAContainerOfFiftyTasksServedByTheAgentProcess(@TempDir Path dir) throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Path home = Files.createDirectories(dir.resolve("stowage-home"));
        Path design = dir.resolve("endpoints-bench.stowage.json");
        String sleeper = "\"command\": [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]";
        Files.writeString(design, """
                {"formatVersion": 1, "name": "endpoints-bench",
                 "clusters": [{"id": "c", "name": "bench", "instances": [
                   {"id": "i-1", "instanceType": "t3.2xlarge", "availabilityZone": "us-east-1a"}],
                  "services": [{"id": "idle", "service": {"serviceName": "idle", "taskDefinition": "idle",
                                "desiredCount": %2$d}}],
                  "tasks": [{"id": "client", "run": {"taskDefinition": "client"}},
                            {"id": "peer", "run": {"taskDefinition": "peer"}}]}],
                 "taskDefinitions": [
                  {"family": "client", "taskRoleArn": "arn:aws:iam::123456789012:role/bench",
                   "containerDefinitions": [{"name": "app", "image": "%1$s", %3$s, "memory": 64, "stopTimeout": 2,
                     "portMappings": [{"containerPort": 8080}]}]},
                  {"family": "idle", "taskRoleArn": "arn:aws:iam::123456789012:role/bench-idle",
                   "containerDefinitions": [{"name": "app", "image": "%1$s", %3$s, "memory": 16, "stopTimeout": 2}]},
                  {"family": "peer", "containerDefinitions": [{"name": "httpd", "image": "%1$s", "memory": 32,
                     "stopTimeout": 2, "command": ["sh", "-c", "mkdir -p /www; wget -qO /www/task.json $ECS_CONTAINER_METADATA_URI_V4/task || echo {} > /www/task.json; trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"]}]}]}
                """.formatted(BusyboxImage.NAME, TASKS - 2, sleeper));
        String key = LocalEngine.designKey("endpoints-bench", design);
        long started = System.nanoTime();
        Cli up = stowage(dir, home, "up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.133",
                design.toString());
        double upSeconds = (System.nanoTime() - started) / 1e9;
        try {
            assertThat(up.code()).as(up.out()).isZero();
            JsonNode agentInfo = JSON.readTree(home.resolve("agent").resolve("agent.json").toFile());
            long pid = agentInfo.path("pid").asLong();
            assertThat(ProcessHandle.of(pid)).as("the agent process").isPresent();

            List<Container> running = ENGINE.client().listContainersCmd()
                    .withLabelFilter(Map.of(EcsLabels.DESIGN, key)).exec();
            long tasks = running.stream().map(c -> c.getLabels().get(EcsLabels.TASK_ARN)).distinct().count();
            assertThat(tasks).as("tasks running: %s", up.out()).isEqualTo(TASKS);
            String client = container(running, "client");
            String peer = container(running, "peer");
            String peerIp = ENGINE.client().inspectContainerCmd(peer).exec().getNetworkSettings().getNetworks()
                    .values().iterator().next().getIpAddress();
            String env = ContainerShell.run(ENGINE.client(), client, "env").stdout();
            assertThat(env).contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/");
            Memory settled = memory(pid);

            System.out.printf(Locale.ROOT, "%n%d tasks, up --detach %.1f s; %d requests from container %s (busybox "
                    + "wget, one process each), served by the agent process %d%n", TASKS, upSeconds, REQUESTS,
                    client.substring(0, 12), pid);
            System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %8s%n", "endpoint", "median", "p90", "p99",
                    "max", "failed");
            List<String> rows = new ArrayList<>();
            for (String[] target : List.of(
                    new String[]{"v4 container metadata", "$ECS_CONTAINER_METADATA_URI_V4"},
                    new String[]{"v4 task metadata", "$ECS_CONTAINER_METADATA_URI_V4/task"},
                    new String[]{"task-role credentials", "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"},
                    new String[]{"peer: busybox httpd, static task.json", "http://" + peerIp + ":8080/task.json"})) {
                rows.add(report(target[0], measure(client, target[1])));
            }
            Memory after = memory(pid);
            System.out.printf(Locale.ROOT, "agent process resident memory with %d tasks: %d MiB settled, %d MiB after"
                            + " the %d requests, peak %d MiB; threads %d%n", TASKS, settled.rssMiB(), after.rssMiB(),
                    3 * REQUESTS, after.hwmMiB(), after.threads());
            System.out.println("agent command line: " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine())
                    .map(c -> c.replaceAll("-cp \\S+", "-cp ...")).orElse("?"));

            Cli down = stowage(dir, home, "down", design.toString());
            assertThat(down.code()).as(down.out()).isZero();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        } finally {
            stowage(dir, home, "down", design.toString());
        }
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.DESIGN, key)).exec()).as("left after down").isEmpty();
    }

    private record Cli(int code, String out) {
    }

    /** The stowage command line in its own JVM, as a user runs it, with moto_server as AWS. */
    private static Cli stowage(Path dir, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dstowage.home=" + home, "-cp", System.getProperty("java.class.path"),
                "io.stowage.app.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", EcsEndpointExtension.KEYS.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", EcsEndpointExtension.KEYS.secretAccessKey());
        env.put("AWS_REGION", ECS.region());
        env.put("AWS_ENDPOINT_URL", ECS.endpoint().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), out);
    }

    private static String container(List<Container> running, String family) {
        return running.stream().filter(c -> family.equals(c.getLabels().get(EcsLabels.FAMILY))).findFirst()
                .orElseThrow(() -> new AssertionError("no running container of " + family)).getId();
    }

    private record Memory(long rssMiB, long hwmMiB, long threads) {
    }

    private static Memory memory(long pid) throws IOException {
        long rss = 0;
        long hwm = 0;
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] parts = line.split("\\s+");
            switch (parts[0]) {
                case "VmRSS:" -> rss = Long.parseLong(parts[1]) / 1024;
                case "VmHWM:" -> hwm = Long.parseLong(parts[1]) / 1024;
                case "Threads:" -> threads = Long.parseLong(parts[1]);
                default -> {
                }
            }
        }
        return new Memory(rss, hwm, threads);
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

    private static String report(String what, Timings t) {
        List<Double> sorted = new ArrayList<>(t.millis());
        Collections.sort(sorted);
        String row = String.format(Locale.ROOT, "%-44s %6.2fms %6.2fms %6.2fms %6.2fms %8d", what, at(sorted, 0.5),
                at(sorted, 0.9), at(sorted, 0.99), sorted.get(sorted.size() - 1), t.failed());
        System.out.println(row);
        assertThat(t.failed()).as(what + " failures").isZero();
        return row;
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())));
    }
}
