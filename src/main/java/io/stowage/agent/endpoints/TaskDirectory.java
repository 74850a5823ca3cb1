package io.stowage.agent.endpoints;

import io.stowage.model.runtime.TaskMetadata;

import java.util.List;
import java.util.Optional;

/** The tasks the agent's endpoints serve, from any thread: what the agent knows of each, and its containers' stats. */
public interface TaskDirectory {

    /** The task whose container has this metadata endpoint id. */
    Optional<TaskMetadata> byEndpointId(String endpointId);

    /** Every task the agent runs, oldest first. */
    List<TaskMetadata> tasks();

    /** A running container's last resource use, as Docker's stats JSON; empty when there is none yet. */
    Optional<String> stats(String dockerId, String dockerName);
}
