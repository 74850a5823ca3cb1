package io.stowage.engine.local;

/**
 * A user name and password (or identity token) for one registry.
 *
 * @param registry the registry host, e.g. {@code 127.0.0.1:5000}
 */
public record RegistryCredentials(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryCredentials[" + registry + ", " + username + ", ****]";
    }
}
