package io.stowage.model.rules.design;

import io.stowage.model.design.Design;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.ecs.AwsVpcConfiguration;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;

import java.util.List;
import java.util.Optional;

/**
 * Rules that hold for services and standalone tasks alike: the task definition they name, the capacity their
 * launch type needs, and the network configuration awsvpc needs. Each rule cites where ECS states it.
 */
final class WorkloadRules {
    static final String TASK_DEFINITION_REQUIRED = "workload-taskdef-required";
    static final String TASK_DEFINITION_MISSING = "workload-taskdef-missing";
    static final String LAUNCH_TYPE_AND_PROVIDERS = "workload-launch-type-and-capacity-provider";
    static final String FARGATE_CAPACITY = "workload-fargate-capacity";
    static final String FARGATE_INCOMPATIBLE = "workload-fargate-incompatible-taskdef";
    static final String FARGATE_PLACEMENT = "workload-fargate-placement";
    static final String EC2_CAPACITY = "workload-ec2-capacity";
    static final String AWSVPC_NETWORK = "workload-awsvpc-network-configuration";
    static final String NETWORK_NOT_AWSVPC = "workload-network-configuration-not-awsvpc";

    private WorkloadRules() {
    }

    static void check(Design design, Workload w, List<Finding> out) {
        // CreateService/RunTask.launchType [M]: "If a launchType is specified, the capacityProviderStrategy
        // parameter must be omitted."
        if (w.launchTypeGiven() && w.usesProviders()) {
            out.add(Finding.error(w.path("launchType"), w.label() + " states both launchType and "
                    + "capacityProviderStrategy; ECS accepts one or the other", LAUNCH_TYPE_AND_PROVIDERS));
        }
        Optional<TaskDefinition> td = taskDefinition(design, w, out);
        if (LaunchTypes.FARGATE.equals(w.launchType())) {
            checkFargate(w, td, out);
        } else if (LaunchTypes.EC2.equals(w.launchType()) && w.tasksWanted() > 0 && w.cluster().instances().isEmpty()) {
            // Placement step 1 [D task-placement.md, ecs-semantics §5.1]: a task goes to a container instance that
            // has its CPU, memory and ports; with none in the cluster it stays PENDING (service) or fails (RunTask).
            out.add(Finding.error(w.specPath(), w.label() + " runs on EC2 but cluster " + w.cluster().name()
                    + " has no container instances; add an instance or run it on Fargate", EC2_CAPACITY));
        }
        td.ifPresent(t -> checkNetwork(w, t, out));
    }

    /** The task definition in the design the workload names, reporting when it names none or one not there. */
    private static Optional<TaskDefinition> taskDefinition(Design design, Workload w, List<Finding> out) {
        if (w.taskDefinition() == null) {
            // CreateService.taskDefinition is required unless the EXTERNAL deployment controller is used;
            // RunTask.taskDefinition is required [M].
            out.add(Finding.error(w.path("taskDefinition"), w.label() + " names no task definition",
                    TASK_DEFINITION_REQUIRED));
            return Optional.empty();
        }
        Optional<TaskDefinition> td = design.taskDefinition(w.taskDefinition().family());
        if (td.isEmpty()) {
            // Deploying registers the design's task definitions and points services at them; a family the
            // design lacks would run whatever revision happens to be registered in the account, if any.
            out.add(Finding.error(w.path("taskDefinition"), w.label() + " runs task definition family "
                    + w.taskDefinition().family() + ", which this design does not contain", TASK_DEFINITION_MISSING));
        }
        return td;
    }

    private static void checkFargate(Workload w, Optional<TaskDefinition> td, List<Finding> out) {
        if (!w.cluster().hasFargate()) {
            // In a design, Fargate is a capacity area of the cluster (DESIGN.md); a Fargate workload needs it
            // so that the canvas, the simulation and deploying agree on where its tasks run.
            out.add(Finding.error(w.path("launchType"), w.label() + " runs on Fargate but cluster "
                    + w.cluster().name() + " has no Fargate capacity; add Fargate to the cluster", FARGATE_CAPACITY));
        }
        td.ifPresent(t -> {
            if (!t.requiresCompatibilities().contains(LaunchTypes.FARGATE)) {
                // RegisterTaskDefinition.requiresCompatibilities [M]: the task definition is validated against
                // the launch types it lists; ECS refuses a FARGATE launch of one not validated for Fargate
                // ("Task definition does not support launch_type FARGATE").
                out.add(Finding.error(w.path("launchType"), w.label() + " runs on Fargate but task definition "
                        + t.family() + " does not list FARGATE in requiresCompatibilities", FARGATE_INCOMPATIBLE));
            }
        });
        if (w.placementRules()) {
            // Task placement [D task-placement.md, ecs-semantics §5.1]: "Task placement strategies and
            // constraints aren't supported for tasks using the Fargate launch type"; Fargate spreads across zones.
            out.add(Finding.error(w.specPath(), w.label() + " runs on Fargate, which takes no placement strategies "
                    + "or constraints; Fargate spreads tasks across availability zones itself", FARGATE_PLACEMENT));
        }
    }

    private static void checkNetwork(Workload w, TaskDefinition td, List<Finding> out) {
        boolean awsvpc = "awsvpc".equals(td.networkMode());
        AwsVpcConfiguration vpc = w.network() == null ? null : w.network().awsvpcConfiguration();
        if (awsvpc && vpc != null && vpc.json().has("subnets") && vpc.subnets().isEmpty()) {
            // CreateService/RunTask.networkConfiguration [M]: subnets are required within an awsvpcConfiguration.
            // A design that names no subnets at all gets the default VPC's from the deploy (as the console
            // does); one that names an empty list said "none", which ECS refuses.
            out.add(Finding.error(w.path("networkConfiguration"), w.label() + " runs task definition "
                    + td.family() + " in awsvpc network mode with an empty subnets list; name at least one subnet, "
                    + "or leave subnets out for the default VPC's", AWSVPC_NETWORK));
        } else if (!awsvpc && w.network() != null) {
            // ECS refuses it: "Network Configuration is not valid for the given networkMode of this task
            // definition" (CreateService/RunTask InvalidParameterException) [M: "not supported for other
            // network modes"].
            out.add(Finding.error(w.path("networkConfiguration"), w.label() + " has a networkConfiguration, "
                    + "which only awsvpc tasks take; task definition " + td.family() + " uses "
                    + (td.networkMode() == null ? "the default network mode" : td.networkMode() + " network mode"),
                    NETWORK_NOT_AWSVPC));
        }
    }
}
