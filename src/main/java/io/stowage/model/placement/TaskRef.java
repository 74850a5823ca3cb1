package io.stowage.model.placement;

/**
 * One task the scheduler places: the {@code number}th task (from 1) of a service or a standalone task of a
 * cluster.
 *
 * @param clusterId the cluster's design id
 * @param kind      a service's task or a standalone (RunTask) task
 * @param source    the service's or standalone task's design id
 * @param number    1-based
 */
public record TaskRef(String clusterId, Kind kind, String source, int number) {
    public enum Kind { SERVICE, TASK }

    @Override
    public String toString() {
        return clusterId + "/" + (kind == Kind.SERVICE ? "service:" : "task:") + source + "#" + number;
    }
}
