package io.stowage.engine.ecs;

import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.design.Design;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.LogLine;
import io.stowage.model.runtime.RuntimeListener;

import java.util.function.Consumer;

/**
 * Everything Stowage does with ECS, for the desktop application and the command line alike: plan and apply a
 * design, import a running cluster, watch a cluster, stop a task, scale a service. FX-free and blocking: callers
 * run it on a worker thread; progress and runtime state come back through plain listeners, from the thread that
 * does the work. One engine holds one set of AWS clients (one region, one set of credentials); close it when done.
 *
 * <p>Errors come as {@link DeployRefusedException} (the design cannot be deployed, with every reason),
 * {@link EcsRequestException} (AWS refused a call: which one, AWS's code and words) and
 * {@link io.stowage.engine.EngineUnavailableException} (no answer: credentials missing for a profile, an
 * expired SSO session, no region, no endpoint answering at an address).
 */
public final class EcsEngine implements AutoCloseable {
    private final AwsClients aws;
    private final ApplyOptions applyOptions;

    public EcsEngine(EcsSettings settings) {
        this(settings, ApplyOptions.DEFAULTS);
    }

    public EcsEngine(EcsSettings settings, ApplyOptions applyOptions) {
        this.aws = new AwsClients(settings);
        this.applyOptions = applyOptions;
    }

    public EcsSettings settings() {
        return aws.settings();
    }

    /** The API calls made so far, by operation. */
    public ApiCallCounter calls() {
        return aws.counter();
    }

    /** Validates the design and compares it with what ECS holds; changes nothing. */
    public DeployPlan plan(Design design) {
        return new EcsDeployer(aws, applyOptions).plan(design);
    }

    /** Makes the plan's changes in order, reporting each; cancel through {@code cancellation}. */
    public ApplyReport apply(DeployPlan plan, ApplyListener listener, Cancellation cancellation) {
        return new EcsDeployer(aws, applyOptions).apply(plan, listener, cancellation);
    }

    /** A new design from a running cluster, laid out, with notes on what it assumed. */
    /**
     * Follows the services the apply created or updated until their rollout COMPLETED or FAILED, the timeout, or
     * the cancellation ({@link RolloutWaiter}).
     */
    public java.util.List<RolloutWaiter.Result> awaitRollouts(ApplyReport report, java.time.Duration timeout,
                                                              RolloutWaiter.Listener listener, Cancellation cancellation) {
        return new RolloutWaiter(aws).await(RolloutWaiter.targets(report), timeout, listener, cancellation);
    }

    /** What destroying the design would remove ({@link Destroyer}); only reads. */
    public io.stowage.model.deploy.DestroyPlan planDestroy(Design design, boolean deregisterFamilies) {
        return new Destroyer(aws).plan(design, deregisterFamilies);
    }

    /** Removes what the plan lists, in order, stopping at the first failure or before the next step when cancelled. */
    public java.util.List<Destroyer.Outcome> destroy(io.stowage.model.deploy.DestroyPlan plan, Destroyer.Listener listener,
                                                     Cancellation cancellation) {
        return new Destroyer(aws).apply(plan, listener, cancellation);
    }

    public ImportedDesign importCluster(String cluster, String designName) {
        return new ClusterImporter(aws).read(cluster, designName);
    }

    /** A watcher of the cluster, not yet started: {@link EcsWatcher#start()}, {@link EcsWatcher#stop()}. */
    public EcsWatcher watcher(String cluster, RuntimeListener listener, EcsWatcher.Options options) {
        return new EcsWatcher(aws, cluster, listener, options);
    }

    /** StopTask; ECS records the reason as the task's stopped reason. */
    public void stopTask(String cluster, String task, String reason) {
        AwsErrors.call(aws.settings(), "StopTask", () -> aws.ecs().stopTask(r -> r.cluster(cluster).task(task)
                .reason(reason)));
    }

    /** UpdateService with a new desired count. */
    public void scaleService(String cluster, String service, int desiredCount) {
        if (desiredCount < 0) {
            throw new IllegalArgumentException("a desired count is 0 or more, not " + desiredCount);
        }
        AwsErrors.call(aws.settings(), "UpdateService", () -> aws.ecs().updateService(r -> r.cluster(cluster)
                .service(service).desiredCount(desiredCount)));
    }

    /**
     * What a task's container printed, from CloudWatch Logs where the container logs with {@code awslogs}: the last
     * {@code tail} lines, then, when {@code follow}, new ones until the handle is closed.
     *
     * @throws IllegalStateException saying why when the container's lines are not in CloudWatch Logs
     */
    public AutoCloseable logs(TaskDefinition definition, String container, String taskId, int tail, boolean follow,
                              Consumer<LogLine> sink) {
        return new CloudWatchLogReader(aws).lines(definition, container, taskId, tail, follow, sink);
    }

    @Override
    public void close() {
        aws.close();
    }
}
