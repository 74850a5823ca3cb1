package io.stowage.model.ecs;

/** The kinds of shape in the ECS API model. */
public enum ShapeKind {
    STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, DOUBLE, BOOLEAN, TIMESTAMP
}
