package io.stowage.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the credentials for pulling an image, in the order the agent and the docker CLI use: the container's
 * {@code repositoryCredentials} (a secret holding {@code {"username","password"}}), Amazon ECR's login for ECR
 * registries, then {@code config.json}: a credential helper for the registry ({@code credHelpers}), the
 * credentials store ({@code credsStore}), or the {@code auths} entry.
 */
final class RegistryAuth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dockerConfigDir;
    private final RegistryLogin registryLogin;
    private final SecretResolver secrets;

    RegistryAuth(Path dockerConfigDir, RegistryLogin registryLogin, SecretResolver secrets) {
        this.dockerConfigDir = dockerConfigDir;
        this.registryLogin = registryLogin;
        this.secrets = secrets;
    }

    /**
     * @param repositoryCredentials the container's {@code repositoryCredentials.credentialsParameter}, or null
     * @return the credentials, or null to pull anonymously
     * @throws TaskSetupException when credentials are named but cannot be read
     */
    AuthConfig forImage(ImageName image, String repositoryCredentials) {
        return forImage(image, repositoryCredentials, null);
    }

    /**
     * As {@link #forImage(ImageName, String)}, with a task's execution role's access to AWS (its secrets and its ECR
     * login) in place of the run's, when it has one.
     */
    AuthConfig forImage(ImageName image, String repositoryCredentials, ExecutionRoles.Access task) {
        SecretResolver secrets = task == null ? this.secrets : this.secrets.orElse(task.secrets());
        RegistryLogin registryLogin = task == null ? this.registryLogin : task.login();
        if (repositoryCredentials != null) {
            String value = secrets.resolve(repositoryCredentials).orElseThrow(() -> new TaskSetupException(
                    "CannotPullContainerError: repository credentials " + repositoryCredentials
                            + " are in neither the local secrets file nor AWS"));
            try {
                JsonNode node = JSON.readTree(value);
                return auth(image.registry(), node.path("username").asText(null), node.path("password").asText(null));
            } catch (IOException e) {
                throw new TaskSetupException("CannotPullContainerError: repository credentials "
                        + repositoryCredentials + " are not {\"username\":...,\"password\":...}");
            }
        }
        if (image.isEcr()) {
            Optional<RegistryCredentials> ecr = registryLogin.credentialsFor(image.registry());
            if (ecr.isPresent()) {
                return auth(image.registry(), ecr.get().username(), ecr.get().password());
            }
        }
        return fromDockerConfig(image).orElse(null);
    }

    /**
     * Makes sure the image's repository exists where the registry does not create repositories on push (ECR).
     *
     * @return what was done, in words, or null when nothing was needed
     */
    String ensureRepository(ImageName image) {
        if (!image.isEcr()) {
            return null;
        }
        String repository = image.repository().substring(image.registry().length() + 1);
        return registryLogin.ensureRepository(image.registry(), repository);
    }

    /** The docker CLI's config file credentials are read from. */
    Path configFile() {
        return dockerConfigDir.resolve("config.json");
    }

    Optional<AuthConfig> fromDockerConfig(ImageName image) {
        Path file = dockerConfigDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TaskSetupException("CannotPullContainerError: cannot read " + file + ": " + e.getMessage());
        }
        String key = image.authKey();
        String helper = config.path("credHelpers").path(key).asText(null);
        if (helper == null) {
            helper = config.path("credHelpers").path(image.registry()).asText(null);
        }
        if (helper == null && config.has("credsStore")) {
            helper = config.get("credsStore").asText(null);
        }
        if (helper != null && !helper.isBlank()) {
            Optional<AuthConfig> fromHelper = helper(helper, key, image.registry());
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
        }
        JsonNode entry = config.path("auths").path(key);
        if (entry.isMissingNode()) {
            entry = config.path("auths").path("https://" + image.registry());
        }
        if (entry.isMissingNode() || !entry.isObject()) {
            return Optional.empty();
        }
        if (entry.hasNonNull("identitytoken")) {
            return Optional.of(new AuthConfig().withRegistryAddress(image.registry())
                    .withIdentityToken(entry.get("identitytoken").asText()));
        }
        if (entry.hasNonNull("auth")) {
            String decoded = new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return Optional.of(auth(image.registry(), decoded.substring(0, colon), decoded.substring(colon + 1)));
            }
        }
        if (entry.hasNonNull("username")) {
            return Optional.of(auth(image.registry(), entry.get("username").asText(),
                    entry.path("password").asText(null)));
        }
        return Optional.empty();
    }

    /** Runs {@code docker-credential-<helper> get}, as the docker CLI does. */
    private Optional<AuthConfig> helper(String helper, String key, String registry) {
        Process process;
        try {
            process = new ProcessBuilder("docker-credential-" + helper, "get").redirectErrorStream(false).start();
            process.getOutputStream().write(key.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TaskSetupException("CannotPullContainerError: docker-credential-" + helper
                        + " did not answer within 30 s");
            }
            if (process.exitValue() != 0) {
                // "credentials not found in native keychain": anonymous, as the docker CLI goes on.
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(out);
            String user = node.path("Username").asText(null);
            String secret = node.path("Secret").asText(null);
            if ("<token>".equals(user)) {
                return Optional.of(new AuthConfig().withRegistryAddress(registry).withIdentityToken(secret));
            }
            return Optional.of(auth(registry, user, secret));
        } catch (IOException e) {
            throw new TaskSetupException("CannotPullContainerError: credential helper docker-credential-" + helper
                    + " for " + registry + " cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskSetupException("CannotPullContainerError: interrupted asking docker-credential-" + helper);
        }
    }

    private static AuthConfig auth(String registry, String username, String password) {
        return new AuthConfig().withRegistryAddress(registry).withUsername(username).withPassword(password);
    }
}
