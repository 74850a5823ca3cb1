package io.stowage.engine.local;

import io.stowage.model.design.Design;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The design's {@code localRun} member: what only a local run needs and ECS has no place for (docs/design-file.md).
 * Task definitions stay exactly what ECS registers; this sits beside them at the top level of the design file.
 * The images to build come from the service and task entries' {@code imageBuilds} ({@link DesignBuilds}); the
 * older {@code localRun.builds} is still read, for images no entry builds.
 *
 * <pre>
 * "localRun": {
 *   "builds": [{"image": "web:dev", "context": "web", "dockerfile": "web/Dockerfile", "buildArgs": {}, "target": null}],
 *   "environmentFiles": {"arn:aws:s3:::bucket/web.env": "env/web.env"},
 *   "publishAllInterfaces": false,
 *   "taskRoleFallback": "userCredentials"
 * }
 * </pre>
 *
 * @param builds               images to build, by image: the entries' imageBuilds, then localRun.builds
 * @param environmentFiles     local files standing in for S3 environment files, by their ARN
 * @param publishAllInterfaces whether host ports are published on all interfaces instead of instance addresses
 * @param taskRoleUserFallback whether a task whose role cannot be assumed gets the user's own credentials instead
 *                             ({@code "taskRoleFallback": "userCredentials"}; a deviation shown on the task)
 * @param problems             what could not be read, as sentences naming the JSON path
 */
public record LocalDesignSettings(Map<String, BuildSpec> builds, Map<String, Path> environmentFiles,
                                  boolean publishAllInterfaces, boolean taskRoleUserFallback, List<String> problems) {
    public static final String MEMBER = "localRun";

    public static LocalDesignSettings of(Design design, Path designDirectory) {
        Map<String, BuildSpec> builds = new LinkedHashMap<>();
        Map<String, Path> envFiles = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        boolean all = false;
        boolean fallback = false;
        DesignBuilds.collect(design, designDirectory, builds, problems);
        Json member = design.extras().get(MEMBER);
        if (member instanceof JsonObject local) {
            if (local.get("builds") instanceof JsonArray array) {
                for (int i = 0; i < array.items().size(); i++) {
                    String path = MEMBER + ".builds[" + i + "]";
                    if (!(array.items().get(i) instanceof JsonObject b)) {
                        problems.add(path + ": expected an object");
                        continue;
                    }
                    String image = text(b, "image");
                    String context = text(b, "context");
                    if (image == null || context == null) {
                        problems.add(path + ": needs \"image\" and \"context\"");
                        continue;
                    }
                    String dockerfile = text(b, "dockerfile");
                    Map<String, String> args = new LinkedHashMap<>();
                    if (b.get("buildArgs") instanceof JsonObject a) {
                        a.members().forEach((k, v) -> {
                            if (v instanceof JsonString s) {
                                args.put(k, s.value());
                            }
                        });
                    }
                    // The older form, still read; an entry's imageBuilds come first.
                    builds.putIfAbsent(image, new BuildSpec(image, designDirectory.resolve(context).normalize(),
                            dockerfile == null ? null : designDirectory.resolve(dockerfile).normalize(), args,
                            text(b, "target")));
                }
            }
            if (local.get("environmentFiles") instanceof JsonObject files) {
                files.members().forEach((arn, v) -> {
                    if (v instanceof JsonString s) {
                        envFiles.put(arn, designDirectory.resolve(s.value()).normalize());
                    } else {
                        problems.add(MEMBER + ".environmentFiles." + arn + ": expected a file path");
                    }
                });
            }
            all = local.get("publishAllInterfaces") instanceof JsonBool bool && bool.value();
            Json roleFallback = local.get("taskRoleFallback");
            if (roleFallback instanceof JsonString s && "userCredentials".equals(s.value())) {
                fallback = true;
            } else if (roleFallback != null && !(roleFallback instanceof JsonString s && "none".equals(s.value()))) {
                problems.add(MEMBER + ".taskRoleFallback: expected \"userCredentials\" or \"none\"");
            }
        } else if (member != null) {
            problems.add(MEMBER + ": expected an object");
        }
        return new LocalDesignSettings(builds, envFiles, all, fallback, problems);
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.value() : null;
    }
}
