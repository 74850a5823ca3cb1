package io.stowage.ui.live;

import io.stowage.engine.ecs.EcsSettings;

import java.net.URI;
import java.util.prefs.Preferences;

/**
 * Where an ECS action goes: region, profile and endpoint (each blank for the AWS SDK's defaults), and for watch
 * and import the cluster. Remembered between sessions, as users deploy to the same place again and again.
 *
 * @param region   e.g. {@code eu-west-1}, or blank
 * @param profile  a profile of the shared AWS files (SSO profiles too), or blank
 * @param endpoint another endpoint (LocalStack, moto, a proxy), or blank
 * @param cluster  the cluster to watch or import, or blank when the design names them
 */
public record EcsTarget(String region, String profile, String endpoint, String cluster) {

    public EcsTarget {
        region = trim(region);
        profile = trim(profile);
        endpoint = trim(endpoint);
        cluster = trim(cluster);
    }

    /**
     * @throws IllegalArgumentException naming the field when the endpoint is not an http(s) URL
     */
    public EcsSettings settings() {
        URI uri = null;
        if (!endpoint.isEmpty()) {
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("Endpoint URL: " + endpoint + " is not a URL (" + bad.getMessage() + ")");
            }
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("Endpoint URL: " + endpoint
                        + " must look like https://ecs.eu-west-1.amazonaws.com or http://127.0.0.1:5000");
            }
        }
        return new EcsSettings(blankToNull(region), blankToNull(profile), uri, null);
    }

    /** Where it goes, in a few words: "profile ops, eu-west-1". */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!profile.isEmpty()) {
            out.append("profile ").append(profile);
        }
        if (!region.isEmpty()) {
            out.append(out.length() > 0 ? ", " : "").append(region);
        }
        if (!endpoint.isEmpty()) {
            out.append(out.length() > 0 ? ", " : "").append(endpoint);
        }
        return out.length() == 0 ? "the default AWS profile and region" : out.toString();
    }

    static EcsTarget remembered(Preferences preferences) {
        return new EcsTarget(preferences.get("ecs.region", ""), preferences.get("ecs.profile", ""),
                preferences.get("ecs.endpoint", ""), preferences.get("ecs.cluster", ""));
    }

    void remember(Preferences preferences) {
        preferences.put("ecs.region", region);
        preferences.put("ecs.profile", profile);
        preferences.put("ecs.endpoint", endpoint);
        preferences.put("ecs.cluster", cluster);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
