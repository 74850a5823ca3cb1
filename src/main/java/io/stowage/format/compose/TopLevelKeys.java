package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.HashSet;
import java.util.Set;

/** The top level of a compose project: what it holds besides services, and where each goes (or why it cannot). */
final class TopLevelKeys {
    private TopLevelKeys() {
    }

    /** The cluster name {@code x-aws-cluster} gives, or null. */
    static String cluster(ImportContext ctx) {
        String cluster = ComposeValues.text(ctx.project.tree().get("x-aws-cluster"));
        if (cluster == null || cluster.isBlank()) {
            return null;
        }
        int slash = cluster.lastIndexOf('/');
        return cluster.startsWith("arn:") && slash >= 0 ? cluster.substring(slash + 1) : cluster;
    }

    /** Reports every top-level member that does not map; {@code services} are converted elsewhere. */
    static void report(ImportContext ctx, Iterable<ServiceDraft> imported) {
        JsonObject tree = ctx.project.tree();
        for (String key : tree.keys()) {
            String path = new JsonPath("").key(key).text();
            Json value = tree.get(key);
            switch (key) {
                case "services", "name", "version", "x-aws-cluster" -> { }
                case "volumes" -> unused(value, "volumes", mountedVolumes(imported, ctx), ctx,
                        "no imported service mounts it");
                case "secrets" -> unused(value, "secrets", usedSecrets(ctx), ctx, "no imported service uses it");
                case "networks" -> networks(value, ctx);
                case "configs" -> ctx.notMapped(path, UnmappedKeys.reason("configs", ctx.advice()));
                case "include" -> ctx.notMapped(path, "include is not supported; import the included files together "
                        + "(stowage import a.yml b.yml) or flatten them with `docker compose config`");
                case "x-aws-vpc" -> ctx.notMapped(path, "a design has no VPC; give the VPC and subnets when deploying "
                        + "(or as CloudFormation parameters)");
                case "x-aws-loadbalancer" -> ctx.notMapped(path, "load balancers are not part of a design");
                case "x-aws-cloudformation" -> ctx.notMapped(path, "CloudFormation overlays are not part of a design; "
                        + "apply them to Stowage's CloudFormation export");
                default -> ctx.notMapped(path, key.startsWith("x-")
                        ? "an extension field; what it holds was used where anchors refer to it, and is not kept itself"
                        : "not a top-level compose key this import knows");
            }
        }
    }

    private static void networks(Json value, ImportContext ctx) {
        if (!(value instanceof JsonObject networks)) {
            return;
        }
        for (String name : networks.keys()) {
            ctx.notMapped(new JsonPath("networks").key(name).text(), "networks are not kept: each service is its "
                    + "own task in bridge mode on the instance's docker0 bridge (see services.*.networks)");
        }
    }

    private static void unused(Json value, String section, Set<String> used, ImportContext ctx, String why) {
        if (!(value instanceof JsonObject declared)) {
            return;
        }
        for (String name : declared.keys()) {
            if (!used.contains(name)) {
                ctx.notMapped(new JsonPath(section).key(name).text(), why);
            }
        }
    }

    private static Set<String> mountedVolumes(Iterable<ServiceDraft> imported, ImportContext ctx) {
        Set<String> out = new HashSet<>();
        JsonObject services = ctx.topLevel("services");
        for (ServiceDraft draft : imported) {
            JsonObject service = services.get(draft.name) instanceof JsonObject o ? o : JsonObject.EMPTY;
            if (service.get("volumes") instanceof JsonArray volumes) {
                for (Json volume : volumes.items()) {
                    String source = volume instanceof JsonObject o ? ComposeValues.text(o.get("source"))
                            : ComposeValues.text(volume) == null ? null : VolumeSpec.parseShort(ComposeValues.text(volume)).source();
                    if (source != null) {
                        out.add(source);
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> usedSecrets(ImportContext ctx) {
        Set<String> out = new HashSet<>();
        for (Json service : ctx.topLevel("services").members().values()) {
            if (service instanceof JsonObject o && o.get("secrets") instanceof JsonArray secrets) {
                for (Json secret : secrets.items()) {
                    out.add(secret instanceof JsonObject s ? ComposeValues.text(s.get("source")) : ComposeValues.text(secret));
                }
            }
        }
        return out;
    }
}
