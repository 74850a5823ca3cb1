package io.stowage.agent.endpoints;

import io.stowage.engine.local.LocalRun;
import io.stowage.model.runtime.TaskMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tasks of the local runs the agent serves, each run asked in turn. */
final class RunDirectory implements TaskDirectory {
    private final List<LocalRun> runs = new CopyOnWriteArrayList<>();

    void add(LocalRun run) {
        if (!runs.contains(run)) {
            runs.add(run);
        }
    }

    void remove(LocalRun run) {
        runs.remove(run);
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    List<LocalRun> runs() {
        return List.copyOf(runs);
    }

    @Override
    public Optional<TaskMetadata> byEndpointId(String endpointId) {
        for (LocalRun run : runs) {
            Optional<TaskMetadata> found = run.metadataByEndpointId(endpointId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<TaskMetadata> tasks() {
        List<TaskMetadata> out = new ArrayList<>();
        runs.forEach(r -> out.addAll(r.metadata()));
        return out;
    }

    @Override
    public Optional<String> stats(String dockerId, String dockerName) {
        for (LocalRun run : runs) {
            Optional<String> found = run.containerStats(dockerId, dockerName);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
