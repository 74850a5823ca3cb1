package io.stowage.format.cloudformation;

import io.stowage.model.rules.Placeholders;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Template placeholders of a design ({@code <IMAGE>}, {@code ${TAG}}, {@code ${TAG:-latest}},
 * {@code {{tag}}}) as CloudFormation parameters: a value that is one placeholder becomes a {@code Ref}, a value
 * that holds some becomes an {@code Fn::Sub}. A {@code ${VAR:-default}} gives its parameter that default.
 */
final class Substitutions {
    private final Template template;
    private final Map<String, String> parameterOf = new LinkedHashMap<>();

    Substitutions(Template template) {
        this.template = template;
    }

    /** The value as the template should hold it: the text, a Ref, or an Fn::Sub. */
    Object value(String text) {
        String first = Placeholders.find(text);
        if (first == null) {
            return text;
        }
        if (first.equals(text.strip())) {
            return Template.ref(parameter(first));
        }
        StringBuilder sub = new StringBuilder();
        String rest = text;
        String found;
        while ((found = Placeholders.find(rest)) != null && rest.contains(found)) {
            int at = rest.indexOf(found);
            sub.append(escape(rest.substring(0, at))).append("${").append(parameter(found)).append('}');
            rest = rest.substring(at + found.length());
        }
        sub.append(escape(rest));
        return Template.sub(sub.toString());
    }

    /** The parameter standing for a placeholder, declared once. */
    String parameter(String placeholder) {
        return parameterOf.computeIfAbsent(placeholder, p -> {
            String body = p.replaceAll("^\\$\\{|^\\{\\{\\s*|^<|^\\$", "").replaceAll("}$|\\s*}}$|>$", "");
            String name = body;
            String fallback = null;
            int dash = body.indexOf(":-");
            if (dash > 0) {
                name = body.substring(0, dash);
                fallback = body.substring(dash + 2);
            }
            String id = template.uniqueId(name);
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("Type", "String");
            boolean secret = io.stowage.model.rules.SecretValues.secretName(name);
            if (secret) {
                // ${DB_PASSWORD}: a secret's value, kept out of the console and DescribeStacks, and out of the
                // template: a default the design gives it is not written.
                parameter.put("NoEcho", true);
            }
            parameter.put("Description", secret ? "Replaces the placeholder " + name + " of the design (a secret: give"
                    + " it when creating the stack" + (fallback != null ? "; the design's default is not written" : "")
                    + ")" : "Replaces the placeholder " + p + " of the design");
            if (fallback != null && !secret) {
                parameter.put("Default", fallback);
            }
            template.parameters.put(id, parameter);
            return id;
        });
    }

    /** Literal text inside an Fn::Sub: "${" must be written "${!". */
    private static String escape(String text) {
        return text.replace("${", "${!");
    }
}
