package io.stowage.model.design;

/**
 * A static host port a task binds on its container instance, which no other task on that instance can bind.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param port     the host port
 */
public record HostPort(String protocol, int port) {
    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
