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
 * {@code env_file}, {@code environment} and {@code secrets}. The variables of env files are read (ECS environment
 * files must live in S3), with {@code environment} winning as in compose. What came from an env file or from the
 * project's {@code .env} (files people keep out of version control) is kept out of the design unless the import
 * was asked to inline it: each such variable becomes an ECS secret named {@code /project/container/NAME}, whose
 * value goes to the secrets file beside the design for the local run. Secrets become ECS secrets, which ECS passes as environment variables from Secrets Manager or
 * Parameter Store, where compose mounts files under /run/secrets.
 */
final class EnvironmentSettings {
    static final String EXECUTION_ROLE_PLACEHOLDER = "<EXECUTION_ROLE_ARN>";

    private EnvironmentSettings() {
    }

    /** Where a variable's value came from, when that is a file kept out of version control. */
    private record Origin(String reportPath, String source) {
    }

    static void apply(JsonObject service, String path, ServiceDraft draft, ImportContext ctx) {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        if (service.has("env_file")) {
            envFiles(service.get("env_file"), path + ".env_file", variables, origins, ctx);
        }
        if (service.has("environment")) {
            Json declared = service.get("environment");
            String environmentPath = path + ".environment";
            Map<String, String> environment = ComposeValues.keyValues(declared, "=");
            environment.forEach((name, value) -> {
                String at = valuePath(declared, environmentPath, name);
                ctx.environmentValue(at);
                Origin origin = null;
                if (value == null) {
                    String inherited = ctx.project.environment().get(name);
                    if (inherited == null) {
                        ctx.assumed(new JsonPath(environmentPath).key(name).text(), name + " takes its value from "
                                + "the environment, where it is not set; it stays as the placeholder ${" + name
                                + "} (compose would leave it out)");
                        inherited = "${" + name + "}";
                    } else if (ctx.project.dotEnv().contains(name)) {
                        origin = new Origin(environmentPath, ".env");
                    }
                    value = inherited;
                } else if (!ctx.project.dotEnvIn(at).isEmpty()) {
                    origin = new Origin(environmentPath, ".env (" + String.join(", ", ctx.project.dotEnvIn(at)) + ")");
                }
                variables.remove(name);
                origins.remove(name);
                variables.put(name, value);
                if (origin != null) {
                    origins.put(name, origin);
                }
            });
        }
        List<Json> pairs = new ArrayList<>();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        Map<String, List<String>> written = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            Origin origin = origins.get(name);
            if (origin != null) {
                sources.putIfAbsent(origin.reportPath(), origin.source());
            }
            if (origin == null || ctx.inlineEnvFiles()) {
                pairs.add(JsonObject.builder().put("name", name).put("value", value).build());
                if (origin != null) {
                    written.computeIfAbsent(origin.reportPath(), p -> new ArrayList<>()).add(name);
                }
                return;
            }
            String valueFrom = parameterName(ctx.project.name(), draft.container.name(), name);
            ctx.secret(valueFrom, value);
            draft.append("secrets", JsonObject.builder().put("name", name).put("valueFrom", valueFrom).build());
            kept.computeIfAbsent(origin.reportPath(), p -> new ArrayList<>()).add(valueFrom);
        });
        if (!pairs.isEmpty()) {
            draft.set("environment", JsonArray.of(pairs));
        }
        kept.forEach((at, names) -> ctx.assumed(at, keptWords(sources.get(at), names, ctx)));
        written.forEach((at, names) -> ctx.approximated(at, "the value" + (names.size() == 1 ? " of " : "s of ")
                + String.join(", ", names) + " from " + sources.get(at) + (names.size() == 1 ? " is" : " are")
                + " written into the task definition, as asked; ECS reads environment files only from S3 "
                + "(environmentFiles), and the design now holds what the file kept out of version control"));
        if (!kept.isEmpty() && draft.task.executionRoleArn() == null) {
            draft.setTask("executionRoleArn", new JsonString(DEFAULT_EXECUTION_ROLE));
        }
        if (service.has("secrets")) {
            secrets(service.get("secrets"), path + ".secrets", draft, ctx);
        }
    }

    /** The console's execution role, which deploy creates when missing; it fetches the secrets for the task. */
    static final String DEFAULT_EXECUTION_ROLE = io.stowage.model.deploy.ConsoleDefaults.EXECUTION_ROLE;

    private static String keptWords(String source, List<String> valueFroms, ImportContext ctx) {
        List<String> names = valueFroms.stream().map(v -> v.substring(v.lastIndexOf('/') + 1)).toList();
        boolean one = names.size() == 1;
        return "the value" + (one ? " of " : "s of ") + String.join(", ", names) + " from " + source
                + " (a file kept out of version control) " + (one ? "is" : "are") + " kept out of the design: "
                + (one ? "it is an ECS secret" : "each is an ECS secret") + " (valueFrom " + String.join(", ", valueFroms)
                + ") whose value is in the secrets file beside the design, which the local run reads; before "
                + "deploying, store " + (one ? "it" : "them") + " in SSM Parameter Store under " + (one ? "that name"
                : "those names") + " (the execution role must be allowed ssm:GetParameters), or import "
                + ctx.advice().inlineEnvFiles() + " to write the value" + (one ? "" : "s") + " into the task definition";
    }

    /** The SSM parameter name that stands for a variable kept out of the design: /project/container/NAME. */
    static String parameterName(String project, String container, String variable) {
        return "/" + parameterSegment(project) + "/" + parameterSegment(container) + "/" + parameterSegment(variable);
    }

    private static String parameterSegment(String text) {
        String segment = text == null ? "" : text.replaceAll("[^A-Za-z0-9_.\\-]", "-");
        return segment.isEmpty() ? "_" : segment;
    }

    /** The path of a variable's value in {@code environment}: a key of the mapping, or the list item that sets it. */
    private static String valuePath(Json declared, String environmentPath, String name) {
        if (declared instanceof JsonArray array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                String text = ComposeValues.text(array.get(i));
                if (text != null && (text.equals(name) || text.startsWith(name + "="))) {
                    return environmentPath + "[" + i + "]";
                }
            }
        }
        return new JsonPath(environmentPath).key(name).text();
    }

    /**
     * One item per .env variable whose value went anywhere but a container's environment (an image tag, a
     * command, a port): there it is written into the design, which only the environment can avoid.
     */
    static void reportDotEnvElsewhere(ImportContext ctx) {
        if (ctx.inlineEnvFiles()) {
            return;
        }
        Map<String, List<String>> places = new LinkedHashMap<>();
        ctx.project.substituted().forEach((at, names) -> {
            if (at.isEmpty() || at.startsWith("x-") || ctx.isEnvironmentValue(at) || at.matches("services\\.[^.\\[]+\\.env_file.*")) {
                return;
            }
            for (String name : names) {
                if (ctx.project.dotEnv().contains(name)) {
                    places.computeIfAbsent(name, n -> new ArrayList<>()).add(at);
                }
            }
        });
        places.forEach((name, at) -> ctx.assumed(at.get(0), "the value of " + name + " from .env is written into the "
                + "design here" + (at.size() > 1 ? " and at " + (at.size() - 1) + " other place" + (at.size() > 2 ? "s" : "")
                : "") + ": only a container's environment variables are kept out of it (as secrets); if " + name
                + " is a secret, give it to the container as an environment variable instead"));
    }

    private static void envFiles(Json value, String path, Map<String, String> out, Map<String, Origin> origins,
                                 ImportContext ctx) {
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
                Map<String, String> read = DotEnv.parse(DotEnv.read(resolved), ctx.project.environment());
                for (Map.Entry<String, String> variable : read.entrySet()) {
                    out.remove(variable.getKey());
                    out.put(variable.getKey(), variable.getValue());
                    origins.put(variable.getKey(), new Origin(where, file));
                }
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
