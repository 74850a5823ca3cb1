package io.stowage.model.ecs;

/**
 * One member of a structure shape.
 *
 * @param name the JSON key
 * @param shapeName the shape of its value
 * @param summary the first sentence of the API reference text, for tooltips
 */
public record Member(String name, String shapeName, String summary) {
    public Shape shape() {
        return EcsSchema.shape(shapeName);
    }
}
