package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code env_file}, {@code environment} and {@code secrets}. The variables of env files are read and written
 * into the task definition (ECS environment files must live in S3), with {@code environment} winning as in
 * compose. Secrets become ECS secrets, which ECS passes as environment variables from Secrets Manager or
 * Parameter Store, where compose mounts files under /run/secrets.
 */
final class EnvironmentSettings {
    static final String EXECUTION_ROLE_PLACEHOLDER = "<EXECUTION_ROLE_ARN>";

    private EnvironmentSettings() {
    }

    static void apply(JsonObject service, String path, ServiceDraft draft, ImportContext ctx) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (service.has("env_file")) {
            envFiles(service.get("env_file"), path + ".env_file", variables, ctx);
        }
        if (service.has("environment")) {
            Map<String, String> environment = ComposeValues.keyValues(service.get("environment"), "=");
            environment.forEach((name, value) -> {
                if (value == null) {
                    String inherited = ctx.project.environment().get(name);
                    if (inherited == null) {
                        ctx.assumed(new JsonPath(path + ".environment").key(name).text(), name + " takes its value from "
                                + "the environment, where it is not set; it stays as the placeholder ${" + name
                                + "} (compose would leave it out)");
                        inherited = "${" + name + "}";
                    }
                    value = inherited;
                }
                variables.remove(name);
                variables.put(name, value);
            });
        }
        if (!variables.isEmpty()) {
            List<Json> pairs = new ArrayList<>();
            variables.forEach((name, value) -> pairs.add(JsonObject.builder().put("name", name).put("value", value).build()));
            draft.set("environment", JsonArray.of(pairs));
        }
        if (service.has("secrets")) {
            secrets(service.get("secrets"), path + ".secrets", draft, ctx);
        }
    }

    private static void envFiles(Json value, String path, Map<String, String> out, ImportContext ctx) {
        List<Json> entries = value instanceof JsonArray array ? array.items() : List.of(value);
        for (int i = 0; i < entries.size(); i++) {
            Json entry = entries.get(i);
            String where = value instanceof JsonArray ? path + "[" + i + "]" : path;
            String file = entry instanceof JsonObject o ? ComposeValues.text(o.get("path")) : ComposeValues.text(entry);
            boolean required = !(entry instanceof JsonObject o) || !Boolean.FALSE.equals(ComposeValues.bool(o.get("required")));
            if (file == null) {
                ctx.notMapped(where, "an env_file needs a path");
                continue;
            }
            Path resolved = Path.of(ctx.hostPath(file));
            if (!Files.isRegularFile(resolved)) {
                if (required) {
                    ctx.notMapped(where, "env file " + resolved + " does not exist, so its variables are missing "
                            + "(compose refuses to start without it)");
                }
                continue;
            }
            try {
                out.putAll(DotEnv.parse(DotEnv.read(resolved), ctx.project.environment()));
                ctx.approximated(where, "the variables of " + file + " are written into the task definition; ECS "
                        + "reads environment files only from S3 (environmentFiles)");
            } catch (io.stowage.format.UnreadableFileException e) {
                ctx.notMapped(where, e.getMessage());
            } catch (IllegalArgumentException e) {
                ctx.notMapped(where, resolved + ": " + e.getMessage());
            }
        }
    }

    private static void secrets(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonArray array)) {
            ctx.notMapped(path, "expected a list of secrets");
            return;
        }
        JsonObject declared = ctx.topLevel("secrets");
        for (int i = 0; i < array.size(); i++) {
            Json item = array.get(i);
            String where = path + "[" + i + "]";
            String source = item instanceof JsonObject o ? ComposeValues.text(o.get("source")) : ComposeValues.text(item);
            String target = item instanceof JsonObject o && o.has("target") ? ComposeValues.text(o.get("target")) : source;
            if (source == null) {
                ctx.notMapped(where, "a secret needs a source");
                continue;
            }
            if (item instanceof JsonObject o) {
                for (String key : o.keys()) {
                    if (key.equals("uid") || key.equals("gid") || key.equals("mode")) {
                        ctx.notMapped(where + "." + key, "ECS secrets are environment variables, without owner or mode");
                    }
                }
            }
            JsonObject definition = declared.get(source) instanceof JsonObject d ? d : JsonObject.EMPTY;
            String name = ComposeValues.text(definition.get("name"));
            String valueFrom;
            if (name != null && (name.startsWith("arn:aws") && (name.contains(":secretsmanager:") || name.contains(":ssm:")))) {
                valueFrom = name;
            } else {
                valueFrom = "<SECRET_ARN:" + source.replaceAll("[^A-Za-z0-9_.\\-]", "-") + ">";
                String origin = definition.has("file") ? "the file " + ComposeValues.text(definition.get("file"))
                        : definition.has("environment") ? "the variable " + ComposeValues.text(definition.get("environment"))
                        : "an external secret";
                ctx.assumed(where, "store the secret (now " + origin + ") in Secrets Manager or Parameter Store and "
                        + "replace " + valueFrom + " with its ARN");
            }
            if (definition.has("x-aws-keys")) {
                ctx.notMapped("secrets." + source + ".x-aws-keys", "ECS passes the whole secret as one variable; "
                        + "select a JSON key by appending :KEY:: to the ARN in valueFrom");
            }
            String variable = environmentName(target.substring(target.lastIndexOf('/') + 1));
            ctx.approximated(where, "compose mounts the secret as the file /run/secrets/" + target + "; ECS passes it "
                    + "as the environment variable " + variable);
            draft.append("secrets", JsonObject.builder().put("name", variable).put("valueFrom", valueFrom).build());
            if (draft.task.executionRoleArn() == null) {
                draft.setTask("executionRoleArn", new JsonString(EXECUTION_ROLE_PLACEHOLDER));
                ctx.assumed(where, "ECS needs an execution role to fetch secrets; replace "
                        + EXECUTION_ROLE_PLACEHOLDER + " with one that may read them");
            }
        }
    }

    static String environmentName(String text) {
        String name = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
}
