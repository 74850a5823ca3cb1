package io.stowage.ui.canvas;

import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.ResourceUse;

import java.util.List;
import java.util.Optional;

/**
 * What runs, as the canvas draws it over the design: the tasks on each instance and on Fargate, what each
 * instance's agent reports, each service's counts and latest event. Keyed by cluster name and the design's
 * instance id, as the local runner and the ECS watcher report them. The design itself never changes.
 */
public interface LiveOverlay {

    /** Whether a run or watch feeds it; when not, the canvas shows the simulated placement instead. */
    boolean active();

    /** The tasks on one instance, in order. */
    List<TaskState> tasksOn(String cluster, String instanceId);

    /** The tasks on the cluster's Fargate capacity, in order. */
    List<TaskState> fargateTasks(String cluster);

    Optional<InstanceState> instance(String cluster, String instanceId);

    Optional<ServiceState> service(String cluster, String serviceName);

    /** A task's recent CPU and memory, for its chip; none where nothing was reported. */
    default ResourceUse use(TaskState task) {
        return ResourceUse.NONE;
    }

    /** The user clicked a task's chip (e.g. to select it in the tasks panel). */
    void taskClicked(TaskState task);
}
