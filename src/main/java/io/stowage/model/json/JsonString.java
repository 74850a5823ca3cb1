package io.stowage.model.json;

import java.util.Objects;

public record JsonString(String value) implements Json {
    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
        return "string";
    }
}
