package io.stowage.format.cloudformation;

import io.stowage.format.ConversionReport;
import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.Member;
import io.stowage.model.ecs.Shape;
import io.stowage.model.ecs.ShapeKind;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The ECS API's JSON (RegisterTaskDefinition, CreateService input) as CloudFormation properties: member names
 * capitalized as the resource schemas spell them, with the few that differ renamed, the keys of maps (labels,
 * log options) kept, and members CloudFormation does not take reported. Strings pass through a hook that turns
 * placeholders into parameters; shell text (commands) passes unchanged.
 */
final class CfnProperties {
    /** Shape.member → property, where the resource schema does not simply capitalize the API's name. */
    private static final Map<String, String> RENAMED = Map.of(
            "Volume.efsVolumeConfiguration", "EFSVolumeConfiguration",
            "EFSVolumeConfiguration.fileSystemId", "FilesystemId",
            "EFSAuthorizationConfig.iam", "IAM",
            "Volume.s3filesVolumeConfiguration", "S3FilesVolumeConfiguration",
            "Volume.fsxWindowsFileServerVolumeConfiguration", "FSxWindowsFileServerVolumeConfiguration",
            "ProxyConfiguration.properties", "ProxyConfigurationProperties",
            "CreateServiceRequest.placementStrategy", "PlacementStrategies");
    /** Shape.member the resource schemas do not have. */
    private static final Set<String> ABSENT = Set.of("CreateServiceRequest.clientToken",
            "DeploymentLifecycleHook.targetType", "DeploymentLifecycleHook.timeoutConfiguration");

    private final UnaryOperator<Object> strings;
    private final ConversionReport report;

    /** @param strings what a non-shell string becomes (a text, a Ref or an Fn::Sub) */
    CfnProperties(UnaryOperator<Object> strings, ConversionReport report) {
        this.strings = strings;
        this.report = report;
    }

    Map<String, Object> structure(JsonObject json, String shapeName, String path) {
        Shape shape = EcsSchema.shape(shapeName);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json> entry : json.members().entrySet()) {
            String key = entry.getKey();
            String where = path + "." + key;
            Optional<Member> member = shape.member(key);
            if (member.isEmpty()) {
                report.add(ConversionReport.Kind.NOT_MAPPED, where, "the ECS API has no member " + key + " here");
                continue;
            }
            if (ABSENT.contains(shapeName + "." + key)) {
                report.add(ConversionReport.Kind.NOT_MAPPED, where, "CloudFormation does not take " + key);
                continue;
            }
            boolean shell = shapeName.equals("ContainerDefinition") && (key.equals("command") || key.equals("entryPoint"))
                    || shapeName.equals("HealthCheck") && key.equals("command");
            Object value = value(entry.getValue(), member.get().shape(), where, shell);
            if (value != null) {
                out.put(RENAMED.getOrDefault(shapeName + "." + key, capitalize(key)), value);
            }
        }
        return out;
    }

    private Object value(Json value, Shape shape, String path, boolean shell) {
        if (value instanceof JsonObject object) {
            if (shape.kind() == ShapeKind.MAP) {
                Map<String, Object> out = new LinkedHashMap<>();
                object.members().forEach((k, v) -> out.put(k, value(v, EcsSchema.shape(shape.valueShape()), path + "." + k, false)));
                return out;
            }
            return structure(object, shape.name(), path);
        }
        if (value instanceof JsonArray array) {
            Shape item = shape.kind() == ShapeKind.LIST ? EcsSchema.shape(shape.itemShape()) : shape;
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Object converted = value(array.get(i), item, path + "[" + i + "]", shell);
                if (converted != null) {
                    out.add(converted);
                }
            }
            return out;
        }
        if (value instanceof JsonString s) {
            return shell ? s.value() : strings.apply(s.value());
        }
        if (value instanceof JsonNumber n) {
            Long whole = n.longValueOrNull();
            return whole != null ? whole : n.value();
        }
        if (value instanceof JsonBool b) {
            return b.value();
        }
        return null;
    }

    static String capitalize(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
