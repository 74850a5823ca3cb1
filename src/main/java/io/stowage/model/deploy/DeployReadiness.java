package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.Placeholders;
import io.stowage.model.rules.design.DesignValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a design may be deployed: every validation rule, with template placeholders counted as errors (a
 * placeholder is fine in a file kept in git, but ECS would take it literally), all reported at once.
 */
public final class DeployReadiness {
    public static final String PLACEHOLDER_RULE = "deploy-placeholder";

    private DeployReadiness() {
    }

    /** Every finding, errors first; the design may be deployed when none is an error. */
    public static List<Finding> check(Design design) {
        List<Finding> out = new ArrayList<>();
        for (Finding finding : DesignValidator.validate(design)) {
            if (!finding.isError() && "placeholder".equals(finding.ruleId())) {
                out.add(Finding.error(finding.path(), finding.message() + " (a placeholder cannot be deployed)",
                        PLACEHOLDER_RULE));
            } else {
                out.add(finding);
            }
        }
        for (int c = 0; c < design.clusters().size(); c++) {
            Cluster cluster = design.clusters().get(c);
            for (int s = 0; s < cluster.services().size(); s++) {
                placeholders(cluster.services().get(s).spec().json(),
                        "clusters[" + c + "].services[" + s + "].service", out);
            }
            for (int t = 0; t < cluster.tasks().size(); t++) {
                placeholders(cluster.tasks().get(t).run().json(), "clusters[" + c + "].tasks[" + t + "].run", out);
            }
            placeholders(cluster.extras().get(Ec2Settings.KEY), "clusters[" + c + "]." + Ec2Settings.KEY, out);
        }
        out.sort(java.util.Comparator.comparing(f -> !f.isError()));
        return List.copyOf(out);
    }

    public static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    private static void placeholders(Json value, String path, List<Finding> out) {
        if (value instanceof JsonString s) {
            String found = Placeholders.find(s.value());
            if (found != null && !path.contains(".overrides.")) {
                out.add(Finding.error(path, "placeholder " + found + " must be replaced before deploying",
                        PLACEHOLDER_RULE));
            }
        } else if (value instanceof JsonObject o) {
            o.members().forEach((key, member) -> placeholders(member, path + "." + key, out));
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                placeholders(a.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
