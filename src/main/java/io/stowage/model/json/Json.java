package io.stowage.model.json;

/**
 * An immutable JSON value. The ECS model keeps every task definition as such a tree so that members
 * Stowage does not know survive a read and a write untouched, in their order and nesting.
 */
public sealed interface Json permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {

    /** The JSON type name as a user would read it in a message: object, array, string, number, boolean, null. */
    String typeName();

    static Json of(String value) {
        return value == null ? JsonNull.INSTANCE : new JsonString(value);
    }

    static Json of(Number value) {
        return value == null ? JsonNull.INSTANCE : JsonNumber.of(value);
    }

    static Json of(Boolean value) {
        return value == null ? JsonNull.INSTANCE : JsonBool.of(value);
    }
}
