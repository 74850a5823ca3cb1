package io.stowage.model.rules;

/**
 * A value whose JSON type is not the one the ECS API shape has there, e.g. a string where an integer belongs.
 *
 * @param path where, e.g. {@code containerDefinitions[0].memory}
 * @param expected what belongs there, e.g. "an integer"
 * @param found what is there, e.g. "a string (\"512\")"
 */
public record TypeMismatch(String path, String expected, String found) {
    public String message() {
        return path + ": expected " + expected + ", found " + found;
    }
}
