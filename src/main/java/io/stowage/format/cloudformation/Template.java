package io.stowage.format.cloudformation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation template being built: parameters, resources and outputs, with logical ids kept unique.
 * Values are maps, lists, strings, numbers and booleans; intrinsic functions are written in their long form
 * ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), which JSON and YAML templates both read.
 */
final class Template {
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final Map<String, Object> resources = new LinkedHashMap<>();
    final Map<String, Object> outputs = new LinkedHashMap<>();

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    static Map<String, Object> sub(String text) {
        return Map.of("Fn::Sub", text);
    }

    /** A managed policy's ARN in the stack's partition. */
    static Map<String, Object> managedPolicy(String path) {
        return sub("arn:${AWS::Partition}:iam::aws:policy/" + path);
    }

    /** A logical id made of the letters and digits of the parts, capitalized, unique in the template. */
    String uniqueId(String... parts) {
        String base = logicalId(parts);
        String id = base;
        for (int n = 2; resources.containsKey(id) || parameters.containsKey(id) || outputs.containsKey(id); n++) {
            id = base + n;
        }
        return id;
    }

    static String logicalId(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            for (String word : part.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    out.append(Character.toUpperCase(word.charAt(0)));
                    out.append(word.equals(word.toUpperCase()) && word.length() > 1 ? word.substring(1).toLowerCase()
                            : word.substring(1));
                }
            }
        }
        String id = out.toString();
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "X" + id : id;
    }

    Map<String, Object> resource(String id, String type, Map<String, Object> properties) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("Type", type);
        resource.put("Properties", properties);
        resources.put(id, resource);
        return resource;
    }

    Map<String, Object> toMap(String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AWSTemplateFormatVersion", "2010-09-09");
        out.put("Description", description);
        if (!parameters.isEmpty()) {
            out.put("Parameters", parameters);
        }
        out.put("Resources", resources);
        if (!outputs.isEmpty()) {
            out.put("Outputs", outputs);
        }
        return out;
    }
}
