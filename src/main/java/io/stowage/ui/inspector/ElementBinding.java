package io.stowage.ui.inspector;

import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.Shape;
import io.stowage.model.json.JsonObject;

import java.util.Optional;

/**
 * How a form reads and writes one element of the design as a JSON object: a container definition, a task
 * definition, a service's CreateService input, or a small object made of a cluster's or an instance's fields.
 * Resolved against each new design, so list positions in paths follow the document.
 */
interface ElementBinding {
    /** Where the element is in a design: its JSON, the path of that JSON inside its document, and of the document. */
    record Located(JsonObject json, String documentPath, String designPath) {
        /** The path a field of this element has inside its document (the task definition, the service entry...). */
        String fieldPath(String local) {
            return documentPath.isEmpty() ? local : documentPath + "." + local;
        }

        /** The path a finding of the design validator gives for a field of this element. */
        String findingPath(String local) {
            return designPath.isEmpty() ? fieldPath(local) : designPath + "." + fieldPath(local);
        }

        /** The prefix every finding about this element starts with. */
        String findingPrefix() {
            String doc = documentPath.isEmpty() ? designPath : designPath + "." + documentPath;
            return doc;
        }
    }

    ElementId id();

    /** What the form's header says, e.g. "Container nginx". */
    String title();

    /** The ECS shape of the JSON, for member order, enums and tooltips; null when it is not an ECS shape. */
    Shape shape();

    /** The element in this design, or empty when the design has no such element (any more). */
    Optional<Located> locate(Design design);

    /** The design with the element's JSON replaced. */
    Design write(Design design, JsonObject json);

    /** The element's id once its JSON is this (a container's id follows its name). */
    default ElementId idFor(JsonObject json) {
        return id();
    }

    /** A tooltip for a field when the schema has none. */
    default String summary(String local) {
        return null;
    }
}
