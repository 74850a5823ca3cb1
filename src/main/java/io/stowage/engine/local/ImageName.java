package io.stowage.engine.local;

/**
 * An image reference split as Docker splits it: the registry is the first path component when it has a dot or
 * a colon or is {@code localhost}, else Docker Hub; the tag defaults to {@code latest} unless a digest is given.
 *
 * @param registry   the registry host (with port), {@code docker.io} for Docker Hub
 * @param repository the repository, with the registry, as the pull call takes it
 * @param tag        the tag, or null when a digest is given instead
 * @param digest     the digest, or null
 */
public record ImageName(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    /** The key the docker CLI keeps Docker Hub credentials under in config.json. */
    public static final String DOCKER_HUB_AUTH_KEY = "https://index.docker.io/v1/";

    public static ImageName parse(String reference) {
        String rest = reference.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        int first = rest.indexOf('/');
        String registry = DOCKER_HUB;
        if (first > 0) {
            String head = rest.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                registry = head;
            }
        }
        return new ImageName(registry, rest, tag, digest);
    }

    /** The key of this registry in config.json's {@code auths} and {@code credHelpers}. */
    public String authKey() {
        return DOCKER_HUB.equals(registry) ? DOCKER_HUB_AUTH_KEY : registry;
    }

    /** Whether it names an Amazon ECR registry ({@code <account>.dkr.ecr.<region>.amazonaws.com}). */
    public boolean isEcr() {
        return registry.matches("[0-9]{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    }

    /** The reference with its tag or digest, as pulled. */
    public String reference() {
        return digest != null ? repository + "@" + digest : repository + ":" + tag;
    }
}
