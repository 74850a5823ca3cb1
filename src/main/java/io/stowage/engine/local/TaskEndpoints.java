package io.stowage.engine.local;

import io.stowage.model.runtime.TaskRole;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the local ECS agent serves to a run's containers: the task metadata endpoint, the task-role credentials
 * endpoint and the introspection API (ecs-semantics §1.1). The local runner defines it and calls it; the agent's
 * endpoints ({@code io.stowage.agent.endpoints}) implement it. A run without it serves nothing and says so.
 */
public interface TaskEndpoints {

    /**
     * Makes the endpoints reachable from the run's containers, once its network exists, and serves the run's
     * tasks from then on. Blocking.
     *
     * @return where containers of each network mode reach the endpoints, and how that differs from ECS
     */
    EndpointAccess attach(LocalRun run, DesignNetwork network);

    /** Stops serving the run: its tasks' ids are forgotten, and what made the endpoints reachable is undone. */
    void detach(LocalRun run);

    /**
     * Serves a task role's credentials under {@code request.credentialsId()} from now on: assumes the role (blocking)
     * and refreshes the credentials before they expire. Later changes (a refresh, a container fetching them) go to
     * {@code changes}, from any thread.
     *
     * @return the role's state now: assumed, refused (with what to change), or the user's own credentials
     */
    TaskRole serveRole(RoleRequest request, Consumer<TaskRole> changes);

    /** Forgets a task's credentials: the id gets 400 InvalidIdInRequest from then on. */
    void stopRole(String credentialsId);

    /**
     * A task role to serve.
     *
     * @param credentialsId the unguessable id of the task's credentials (its {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI})
     * @param taskArn       the task
     * @param roleArn       its {@code taskRoleArn}
     * @param sessionName   the STS session name (the task id, as ECS names it)
     * @param userFallback  whether the user asked for their own credentials when the role cannot be assumed
     */
    record RoleRequest(String credentialsId, String taskArn, String roleArn, String sessionName,
                       boolean userFallback) {
    }

    /**
     * Where containers reach the endpoints.
     *
     * @param bridgeBase  the base URI for containers on the design network (bridge and awsvpc), e.g.
     *                    {@code http://169.254.170.2}; null when they cannot reach them
     * @param hostBase    the same for host-mode containers; null when they cannot
     * @param deviations  where this differs from ECS, in words for the user
     */
    record EndpointAccess(String bridgeBase, String hostBase, List<String> deviations) {
        public static final String ECS_BASE = "http://169.254.170.2";

        public EndpointAccess {
            deviations = List.copyOf(deviations);
        }

        /** The base URI for a task of this network mode, or null when it cannot reach the endpoints. */
        public String base(String networkMode) {
            return switch (networkMode) {
                case "host" -> hostBase;
                case "none" -> null;
                default -> bridgeBase;
            };
        }
    }

    /**
     * The Docker network a design's bridge and awsvpc containers are on.
     *
     * @param name    its name ({@code stowage-<design key>})
     * @param id      its id
     * @param subnet  its IPv4 subnet, e.g. {@code 172.18.0.0/16}
     * @param gateway its IPv4 gateway on the engine's host, e.g. {@code 172.18.0.1}
     * @param engineOs the engine's operating system as it names it ({@code Debian GNU/Linux 12 (bookworm)},
     *                 {@code Docker Desktop}), or null
     */
    record DesignNetwork(String name, String id, String subnet, String gateway, String engineOs) {
        /** Docker Desktop runs the engine in a VM: its networks' gateways are not this machine's addresses. */
        public boolean dockerDesktop() {
            return engineOs != null && engineOs.contains("Docker Desktop");
        }
    }
}
