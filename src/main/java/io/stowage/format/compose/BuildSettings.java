package io.stowage.format.compose;

import io.stowage.model.design.ImageBuild;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code build} as Stowage's image build extension ({@link ImageBuild}), and the image name a built service
 * gets when compose gives none: {@code PROJECT-SERVICE}, as compose names it.
 */
final class BuildSettings {
    private BuildSettings() {
    }

    static void apply(JsonObject service, String path, ServiceDraft draft, ImportContext ctx) {
        Json build = service.get("build");
        if (build != null) {
            ImageBuild image = imageBuild(build, path + ".build", ctx);
            if (image != null) {
                draft.build = image.toJson();
            }
        }
        if (ComposeValues.text(service.get("image")) == null || ComposeValues.text(service.get("image")).isBlank()) {
            if (draft.build != null) {
                String name = ctx.project.name() + "-" + draft.name;
                draft.set("image", new JsonString(name));
                ctx.assumed(path, "the built image is tagged " + name + " (as compose names it); push it to a "
                        + "registry the instances can pull from, and give that name, before deploying to ECS");
            } else if (ComposeValues.text(service.get("image")) != null) {
                ctx.notMapped(path + ".image", "the image name is empty");
            }
        }
    }

    private static ImageBuild imageBuild(Json build, String path, ImportContext ctx) {
        if (!(build instanceof JsonObject object)) {
            String context = ComposeValues.text(build);
            return context == null ? null : ImageBuild.of(ctx.buildContext(context));
        }
        String context = object.has("context") ? ComposeValues.text(object.get("context")) : ".";
        Map<String, String> args = new LinkedHashMap<>();
        ComposeValues.keyValues(object.get("args"), "=").forEach((k, v) -> {
            if (v != null) {
                args.put(k, v);
            } else if (ctx.project.environment().containsKey(k)) {
                args.put(k, ctx.project.environment().get(k));
            }
        });
        Map<String, String> labels = new LinkedHashMap<>();
        ComposeValues.keyValues(object.get("labels"), "=").forEach((k, v) -> labels.put(k, v == null ? "" : v));
        for (String key : object.keys()) {
            switch (key) {
                case "context", "dockerfile", "target", "args", "cache_from", "labels", "network", "pull", "no_cache" -> { }
                default -> ctx.notMapped(path + "." + key, "Stowage's image build keeps the context, dockerfile, "
                        + "target, args, cache_from, labels, network, pull and no_cache; " + key + " is not kept");
            }
        }
        return new ImageBuild(ctx.buildContext(context == null ? "." : context),
                ComposeValues.text(object.get("dockerfile")), ComposeValues.text(object.get("target")), args,
                ComposeValues.strings(object.get("cache_from")), labels, ComposeValues.text(object.get("network")),
                ComposeValues.bool(object.get("pull")), ComposeValues.bool(object.get("no_cache")), JsonObject.EMPTY);
    }
}
