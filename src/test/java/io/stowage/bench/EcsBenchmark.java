package io.stowage.bench;

import io.stowage.engine.ecs.ApplyOptions;
import io.stowage.engine.ecs.AwsClients;
import io.stowage.engine.ecs.Cancellation;
import io.stowage.engine.ecs.EcsDeployer;
import io.stowage.engine.ecs.EcsWatcher;
import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.testsupport.EcsEndpointExtension;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.ecs.model.LaunchType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;

/**
 * Deploy and watch against moto_server on loopback: a plan and an apply of a design with 50 services, and one
 * watch refresh of a cluster running 500 tasks. Times are moto's and this machine's; the API calls (counted by
 * the SDK interceptor every Stowage client carries) are what the same work costs against ECS. Each benchmark
 * prints its calls per operation when it ends.
 */
@Tag("ecs")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class EcsBenchmark {
    static final int SERVICES = 50;
    static final int TASKS = 500;

    /** A design of one cluster, two instances and 50 EC2 services, each with a task definition of its own. */
    static Design fiftyServices() {
        Cluster cluster = io.stowage.model.design.Cluster.named("bench").withInstances(List.of(
                ContainerInstance.of("i-0000000a", "t3.large", "us-east-1a"),
                ContainerInstance.of("i-0000000b", "t3.large", "us-east-1b")));
        Design design = Design.empty("bench");
        for (int i = 0; i < SERVICES; i++) {
            String name = "svc-" + i;
            design = design.withTaskDefinition(TaskDefinition.EMPTY.withFamily(name).withContainerDefinitions(List.of(
                    ContainerDefinition.EMPTY.withName(name).withImage("public.ecr.aws/docker/library/busybox:1.36")
                            .withCpu(16).withMemory(32).withCommand(List.of("sleep", "3600")))));
            cluster = cluster.withService(Service.of(ServiceSpec.EMPTY.withServiceName(name).withTaskDefinition(name)
                    .withDesiredCount(1).withLaunchType("EC2")));
        }
        return design.withCluster(cluster);
    }

    /**
     * moto_server, reset, with the instance profile the design's instances get, and the API-call counter. JMH
     * does not order the setup methods of a state and its superclass, so each state below has one setup that
     * calls what it needs in order.
     */
    abstract static class Endpoint {
        final EcsEndpointExtension ecs = new EcsEndpointExtension();
        final Design design = fiftyServices();
        AwsClients aws;
        EcsDeployer deployer;
        long operations;

        void reset() {
            ecs.reset();
            aws.iam().createInstanceProfile(r -> r.instanceProfileName("ecsInstanceRole"));
        }

        void connect() {
            aws = new AwsClients(ecs.settings());
            deployer = new EcsDeployer(aws, ApplyOptions.DEFAULTS);
            reset();
        }

        void deploy() {
            ApplyReport report = deployer.apply(deployer.plan(design), ApplyListener.NONE, Cancellation.none());
            if (!report.succeeded() || deployer.plan(design).hasChanges()) {
                throw new IllegalStateException("deploy did not complete: " + report.lines());
            }
        }

        void report() {
            Map<String, Double> perOperation = new TreeMap<>();
            aws.counter().byOperation().forEach((op, n) -> perOperation.put(op, (double) n / operations));
            System.out.printf("%nAPI calls per operation: %.1f (HTTP attempts %.1f): %s%n",
                    (double) aws.counter().total() / operations, (double) aws.counter().attempts() / operations,
                    perOperation);
            aws.close();
        }
    }

    /** The 50-service design and an empty account: planning finds everything to create. */
    @State(Scope.Benchmark)
    public static class EmptyAccount extends Endpoint {
        @Setup(Level.Trial)
        public void setUp() {
            connect();
            aws.counter().reset();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            report();
        }
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public DeployPlan planFiftyServicesOnAnEmptyAccount(EmptyAccount state) {
        state.operations++;
        return state.deployer.plan(state.design);
    }

    /** The 50-service design deployed: planning finds nothing to do. */
    @State(Scope.Benchmark)
    public static class Deployed extends Endpoint {
        @Setup(Level.Trial)
        public void setUp() {
            connect();
            deploy();
            aws.counter().reset();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            report();
        }
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public DeployPlan planFiftyServicesDeployedUnchanged(Deployed state) {
        state.operations++;
        return state.deployer.plan(state.design);
    }

    /** A fresh account and the plan for it, before each apply; only the apply is timed and counted. */
    @State(Scope.Benchmark)
    public static class ToApply extends Endpoint {
        DeployPlan plan;
        long callsBefore;
        long applyCalls;

        @Setup(Level.Trial)
        public void setUp() {
            connect();
        }

        @Setup(Level.Invocation)
        public void freshAccount() {
            reset();
            plan = deployer.plan(design);
            callsBefore = aws.counter().total();
        }

        @TearDown(Level.Invocation)
        public void count() {
            applyCalls += aws.counter().total() - callsBefore;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            System.out.printf("%nAPI calls per apply of %d changes: %.1f; %s%n", plan.toApply().size(),
                    (double) applyCalls / operations, aws.counter().byOperation());
            aws.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public ApplyReport applyFiftyServices(ToApply state) {
        state.operations++;
        ApplyReport report = state.deployer.apply(state.plan, ApplyListener.NONE, Cancellation.none());
        if (!report.succeeded()) {
            throw new IllegalStateException(String.join("\n", report.lines()));
        }
        return report;
    }

    /** A cluster of 5 registered instances running 500 tasks of 10 services, seen once by a watcher. */
    @State(Scope.Benchmark)
    public static class FiveHundredTasks extends Endpoint {
        EcsWatcher watcher;

        @Setup(Level.Trial)
        public void run() throws Exception {
            connect();
            // Tasks stay RUNNING: moto otherwise moves a task one status on per DescribeTasks.
            post(ecs.endpoint(), "/moto-api/state-manager/set-transition",
                    "{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\", \"times\": 1000000}}");
            var ecsClient = aws.ecs();
            ecsClient.createCluster(r -> r.clusterName("live"));
            ecsClient.registerTaskDefinition(r -> r.family("app").containerDefinitions(c -> c.name("app")
                    .image("busybox").memory(32).cpu(8)));
            String image = aws.ssm().getParameter(r -> r.name(
                    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")).parameter().value();
            for (int i = 0; i < 5; i++) {
                String id = aws.ec2().runInstances(r -> r.imageId(image).instanceType("m5.xlarge").minCount(1)
                        .maxCount(1)).instances().get(0).instanceId();
                ecsClient.registerContainerInstance(r -> r.cluster("live")
                        .instanceIdentityDocument("{\"instanceId\": \"" + id + "\"}"));
            }
            for (int s = 0; s < 10; s++) {
                String name = "svc-" + s;
                ecsClient.createService(r -> r.cluster("live").serviceName(name).taskDefinition("app")
                        .desiredCount(50).launchType(LaunchType.EC2));
            }
            List<String> started = new ArrayList<>();
            for (int n = 0; n < TASKS / 10; n++) {
                ecsClient.runTask(r -> r.cluster("live").taskDefinition("app").count(10).launchType(LaunchType.EC2))
                        .tasks().forEach(t -> started.add(t.taskArn()));
            }
            if (started.size() != TASKS) {
                throw new IllegalStateException("moto placed " + started.size() + " of " + TASKS + " tasks");
            }
            watcher = new EcsWatcher(aws, "live", RuntimeListener.NONE, EcsWatcher.Options.DEFAULTS);
            watcher.refresh();
            aws.counter().reset();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                post(ecs.endpoint(), "/moto-api/state-manager/unset-transition", "{\"model_name\": \"ecs::task\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            report();
        }
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public EcsWatcher.Refresh watchRefreshOfFiveHundredTasks(FiveHundredTasks state) {
        state.operations++;
        return state.watcher.refresh();
    }

    static void post(URI endpoint, String path, String body) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode());
        }
    }
}
