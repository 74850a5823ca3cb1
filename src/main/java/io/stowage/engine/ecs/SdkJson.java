package io.stowage.engine.ecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.utils.builder.ToCopyableBuilder;

import java.time.Instant;

/**
 * Converts between ECS API JSON (the wire shape, as the AWS CLI reads and prints it) and AWS SDK v2 model objects.
 *
 * <p>Binds through each model class's {@code serializableBuilderClass()}, whose bean setters and getters are
 * named after the API members; {@code SdkJsonTest} checks that this holds for every shape a task definition
 * reaches. Enums travel as strings, so values newer than this SDK pass through. Unknown members are refused
 * rather than dropped, as the AWS CLI refuses them.
 */
final class SdkJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // The builders' getters answer null for members never set; those are absent on the wire.
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .registerModule(new SimpleModule("sdk-timestamps")
                    .addSerializer(Instant.class, ToStringSerializer.instance));

    private SdkJson() {
    }

    /**
     * @param what names the input in error messages, e.g. "RegisterTaskDefinition input"
     * @throws IllegalArgumentException naming the member path or the line and column at fault
     */
    static <B extends SdkBuilder<B, T>, T> T read(String json, Class<? extends B> builderClass, String what) {
        try {
            return MAPPER.readValue(json, builderClass).build();
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(
                    what + ": unknown member \"" + e.getPropertyName() + "\" at " + path(e), e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(what + ": at " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(what + ": not JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    static String write(ToCopyableBuilder<?, ?> sdkObject) {
        try {
            return MAPPER.writeValueAsString(sdkObject.toBuilder());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + sdkObject.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** An SDK model object as the model's JSON tree, in the wire shape. */
    static io.stowage.model.json.JsonObject toModel(ToCopyableBuilder<?, ?> sdkObject) {
        return (io.stowage.model.json.JsonObject) treeToModel(MAPPER.valueToTree(sdkObject.toBuilder()));
    }

    /**
     * A model JSON tree (e.g. a design's CreateService input) as an SDK request.
     *
     * @throws IllegalArgumentException naming the member at fault, as {@link #read} does
     */
    static <B extends SdkBuilder<B, T>, T> T fromModel(io.stowage.model.json.JsonObject json,
                                                       Class<? extends B> builderClass, String what) {
        return read(io.stowage.model.json.JsonText.compact(json), builderClass, what);
    }

    private static io.stowage.model.json.Json treeToModel(JsonNode node) {
        if (node.isObject()) {
            var members = new java.util.LinkedHashMap<String, io.stowage.model.json.Json>();
            node.fields().forEachRemaining(e -> members.put(e.getKey(), treeToModel(e.getValue())));
            return io.stowage.model.json.JsonObject.of(members);
        }
        if (node.isArray()) {
            var items = new java.util.ArrayList<io.stowage.model.json.Json>();
            node.forEach(item -> items.add(treeToModel(item)));
            return io.stowage.model.json.JsonArray.of(items);
        }
        if (node.isNumber()) {
            return io.stowage.model.json.JsonNumber.parse(node.numberValue().toString());
        }
        if (node.isBoolean()) {
            return io.stowage.model.json.JsonBool.of(node.booleanValue());
        }
        if (node.isNull() || node.isMissingNode()) {
            return io.stowage.model.json.JsonNull.INSTANCE;
        }
        return new io.stowage.model.json.JsonString(node.asText());
    }

    private static String path(JsonMappingException e) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }
}
