package io.stowage.agent.ecsapi;

/**
 * An error the endpoint answers in ECS's shape: HTTP 400 with {@code {"__type": type, "message": ...}}, as botocore
 * and the SDKs read it.
 */
public final class EcsApiException extends RuntimeException {
    private final String type;

    public EcsApiException(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }

    static EcsApiException clusterNotFound() {
        return new EcsApiException("ClusterNotFoundException", "Cluster not found.");
    }

    static EcsApiException serviceNotFound() {
        return new EcsApiException("ServiceNotFoundException", "Service not found.");
    }

    static EcsApiException invalid(String message) {
        return new EcsApiException("InvalidParameterException", message);
    }
}
