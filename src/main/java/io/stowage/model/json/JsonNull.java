package io.stowage.model.json;

public enum JsonNull implements Json {
    INSTANCE;

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public String toString() {
        return "null";
    }
}
