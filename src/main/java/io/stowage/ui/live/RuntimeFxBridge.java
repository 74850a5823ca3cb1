package io.stowage.ui.live;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one adapter between engines and the views: engines report on their own threads, and the
 * {@link LiveModel} changes on the JavaFX thread once per batch. Within a batch only the newest state of each
 * task, instance and service is applied, so a burst of status changes costs one update of each view.
 */
public final class RuntimeFxBridge implements RuntimeListener {
    private final LiveModel model;
    private final PulseBatcher<Object> batcher = new PulseBatcher<>(this::apply);

    public RuntimeFxBridge(LiveModel model) {
        this.model = model;
    }

    public LiveModel model() {
        return model;
    }

    @Override
    public void taskChanged(TaskState task) {
        batcher.add(task);
    }

    @Override
    public void instanceChanged(InstanceState instance) {
        batcher.add(instance);
    }

    @Override
    public void serviceChanged(ServiceState service) {
        batcher.add(service);
    }

    @Override
    public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
        batcher.add(new Sample(taskArn, containerName, sample));
    }

    @Override
    public void event(ClusterEvent event) {
        batcher.add(event);
    }

    @Override
    public void engineLost(String reason) {
        batcher.add(new EngineLost(reason));
    }

    @Override
    public void engineBack() {
        batcher.add(new EngineLost(null));
    }

    private void apply(List<Object> batch) {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        Map<String, InstanceState> instances = new LinkedHashMap<>();
        Map<String, ServiceState> services = new LinkedHashMap<>();
        List<ClusterEvent> events = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof TaskState t) {
                tasks.put(t.taskArn(), t);
            } else if (item instanceof InstanceState i) {
                instances.put(i.key(), i);
            } else if (item instanceof ServiceState s) {
                services.put(s.key(), s);
            } else if (item instanceof ClusterEvent e) {
                events.add(e);
            } else if (item instanceof Sample s) {
                model.addMetrics(s.taskArn(), s.container(), s.sample());
            } else if (item instanceof EngineLost lost) {
                model.setEngineLost(lost.reason());
            }
        }
        model.apply(tasks.values(), instances.values(), services.values(), events);
    }

    private record Sample(String taskArn, String container, ContainerMetrics sample) {
    }

    private record EngineLost(String reason) {
    }
}
