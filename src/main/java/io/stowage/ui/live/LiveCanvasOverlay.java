package io.stowage.ui.live;

import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.canvas.LiveOverlay;
import io.stowage.ui.common.ResourceUse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The live model as the canvas draws it: tasks on their instances or on Fargate (every task that has not
 * stopped, and the latest few that did, so an exit stays visible where it happened).
 */
public final class LiveCanvasOverlay implements LiveOverlay {
    static final int STOPPED_SHOWN = 3;

    private final LiveModel model;
    private final Consumer<TaskState> onClick;

    public LiveCanvasOverlay(LiveModel model, Consumer<TaskState> onClick) {
        this.model = model;
        this.onClick = onClick;
    }

    @Override
    public boolean active() {
        return !model.tasks().isEmpty() || !model.instances().isEmpty();
    }

    @Override
    public List<TaskState> tasksOn(String cluster, String instanceId) {
        return shown(model.tasksOn(cluster, instanceId));
    }

    @Override
    public List<TaskState> fargateTasks(String cluster) {
        return shown(model.tasks().stream()
                .filter(t -> cluster.equals(t.cluster()) && "FARGATE".equals(t.launchType())).toList());
    }

    @Override
    public Optional<InstanceState> instance(String cluster, String instanceId) {
        return Optional.ofNullable(model.instances().get(cluster + "/" + instanceId));
    }

    @Override
    public Optional<ServiceState> service(String cluster, String serviceName) {
        return Optional.ofNullable(model.services().get(cluster + "/" + serviceName));
    }

    @Override
    public ResourceUse use(TaskState task) {
        return model.use(task);
    }

    @Override
    public void taskClicked(TaskState task) {
        onClick.accept(task);
    }

    static List<TaskState> shown(List<TaskState> tasks) {
        List<TaskState> out = new ArrayList<>();
        List<TaskState> stopped = new ArrayList<>();
        for (TaskState task : tasks) {
            (task.isStopped() ? stopped : out).add(task);
        }
        out.addAll(stopped.subList(Math.max(0, stopped.size() - STOPPED_SHOWN), stopped.size()));
        return out;
    }
}
