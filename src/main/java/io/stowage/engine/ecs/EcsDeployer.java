package io.stowage.engine.ecs;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.DeployPlanner;
import io.stowage.model.deploy.DeployReadiness;
import io.stowage.model.deploy.ObservedState;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.deploy.PrunePlanner;
import io.stowage.model.design.Design;
import io.stowage.model.rules.Finding;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans and applies a design on ECS, as {@code terraform plan} and {@code apply} do. Planning changes nothing:
 * it validates the design (refusing one with errors, all listed), reads what ECS holds, and lists each change.
 * Applying makes the changes in dependency order, reporting each, and stops at the first failure or when
 * cancelled, with an account of what was done and what was not; applying again does only what is left.
 */
public final class EcsDeployer {
    private final AwsClients aws;
    private final ApplyOptions options;

    public EcsDeployer(AwsClients aws, ApplyOptions options) {
        this.aws = aws;
        this.options = options;
    }

    /**
     * @throws DeployRefusedException when the design has errors, or a request it holds does not have ECS's shape
     * @throws EcsRequestException when ECS refuses a read (e.g. access denied)
     * @throws EngineUnavailableException when ECS cannot be reached
     */
    public DeployPlan plan(Design design) {
        // What needs a task execution role and names none gets the console's, before anything is checked.
        java.util.Map<String, String> filledRoles = io.stowage.model.deploy.ExecutionRoles.needed(design);
        if (!filledRoles.isEmpty()) {
            String caller = AwsErrors.call(aws.settings(), "GetCallerIdentity",
                    () -> aws.sts().getCallerIdentity()).arn();
            design = io.stowage.model.deploy.ExecutionRoles.fill(design, filledRoles.keySet(),
                    io.stowage.model.deploy.ExecutionRoles.defaultRoleArn(caller));
        }
        List<Finding> errors = DeployReadiness.errors(DeployReadiness.check(design));
        if (!errors.isEmpty()) {
            throw new DeployRefusedException("the design has " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "; nothing was deployed", errors.stream()
                    .map(f -> (f.path().isEmpty() ? "(top level)" : f.path()) + ": " + f.message() + " ["
                            + f.ruleId() + "]").toList());
        }
        ObservedState observed = new StateReader(aws).read(design);
        DeployPlan plan = DeployPlanner.plan(design, observed, options.createRoles(), filledRoles);
        if (options.prune()) {
            List<PlannedChange> changes = new ArrayList<>(plan.changes());
            changes.addAll(PrunePlanner.plan(design, new StateReader(aws).readTagged(design, observed)));
            plan = new DeployPlan(changes, plan.notes(), plan.warnings());
        }
        List<String> malformed = new ArrayList<>();
        for (PlannedChange change : plan.toApply()) {
            try {
                checkShape(change);
            } catch (IllegalArgumentException e) {
                malformed.add(change.subject() + ": " + e.getMessage());
            }
        }
        if (!malformed.isEmpty()) {
            throw new DeployRefusedException("ECS would refuse " + malformed.size() + " request"
                    + (malformed.size() == 1 ? "" : "s") + " of the design; nothing was deployed", malformed);
        }
        return plan;
    }

    /**
     * Makes the plan's changes. Blocked changes refuse the whole apply before anything is made.
     *
     * @throws DeployRefusedException when the plan has blocked changes
     */
    public ApplyReport apply(DeployPlan plan, ApplyListener listener, Cancellation cancellation) {
        if (!plan.blocked().isEmpty()) {
            throw new DeployRefusedException(plan.blocked().size() + " planned change"
                    + (plan.blocked().size() == 1 ? " cannot" : "s cannot") + " be made; nothing was deployed",
                    plan.blocked().stream().map(PlannedChange::summary).toList());
        }
        List<PlannedChange> todo = plan.toApply();
        List<ApplyReport.Done> done = new ArrayList<>();
        ChangeApplier applier = new ChangeApplier(aws, options);
        for (int i = 0; i < todo.size(); i++) {
            PlannedChange change = todo.get(i);
            if (cancellation.isCancelled()) {
                return new ApplyReport(done, null, null, true, todo.subList(i, todo.size()));
            }
            listener.started(change, i + 1, todo.size());
            String outcome;
            try {
                outcome = applier.apply(change, listener, cancellation);
            } catch (EcsRequestException | EngineUnavailableException | ApplyStoppedException
                     | IllegalArgumentException e) {
                listener.failed(change, e.getMessage());
                return new ApplyReport(done, change, e.getMessage(), false, todo.subList(i, todo.size()));
            }
            done.add(new ApplyReport.Done(change, outcome));
            listener.finished(change, outcome);
        }
        return new ApplyReport(done, null, null, false, List.of());
    }

    /** Converts the change's request to its SDK type, which refuses unknown members and wrong types. */
    private static void checkShape(PlannedChange change) {
        if (change.request() == null) {
            return;
        }
        switch (change.kind()) {
            case CLUSTER -> SdkJson.fromModel(change.request(), CreateClusterRequest.serializableBuilderClass(),
                    "CreateCluster input");
            case CLUSTER_CAPACITY_PROVIDERS -> SdkJson.fromModel(change.request(),
                    PutClusterCapacityProvidersRequest.serializableBuilderClass(), "PutClusterCapacityProviders input");
            case INSTANCE_ATTRIBUTES -> SdkJson.fromModel(change.request(),
                    PutAttributesRequest.serializableBuilderClass(), "PutAttributes input");
            case TASK_DEFINITION -> SdkJson.fromModel(change.request(),
                    RegisterTaskDefinitionRequest.serializableBuilderClass(), "RegisterTaskDefinition input");
            case CREATE_SERVICE -> SdkJson.fromModel(change.request(), CreateServiceRequest.serializableBuilderClass(),
                    "CreateService input");
            case UPDATE_SERVICE -> SdkJson.fromModel(change.request(), UpdateServiceRequest.serializableBuilderClass(),
                    "UpdateService input");
            case RUN_TASK -> SdkJson.fromModel(change.request(), RunTaskRequest.serializableBuilderClass(),
                    "RunTask input");
            default -> {
            }
        }
    }
}
