package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.List;

/**
 * Other container settings: start and stop timeouts are not negative, restart policies use a restart attempt
 * period of 60-1800 s and at most 50 ignored exit codes, security options use the documented forms, and labels
 * do not use the names the ECS agent sets itself.
 * Sources: ECS API reference, ContainerRestartPolicy ("You can set a minimum restartAttemptPeriod of 60 seconds
 * and a maximum restartAttemptPeriod of 1800 seconds"; "a maximum of 50 container exit codes"),
 * ContainerDefinition.dockerSecurityOptions (valid values "no-new-privileges" | "apparmor:PROFILE" |
 * "label:value" | "credentialspec:CredentialSpecFilePath"); ecs-semantics.md §1.1 (agent labels
 * com.amazonaws.ecs.* are applied after the user's labels and override them; stopTimeout at stop time).
 */
final class ContainerSettingsRules implements Rule {
    private static final String AGENT_LABELS = "com.amazonaws.ecs.";

    @Override
    public void check(RuleContext task, Findings out) {
        for (RuleContext.Container container : task.containers()) {
            JsonObject json = container.json();
            for (String key : List.of("startTimeout", "stopTimeout")) {
                Long value = Values.number(json, key);
                if (value != null && value < 0) {
                    out.error(container.at(key), key + " " + value + " is negative; give seconds or omit it.",
                            "container-timeouts");
                }
            }
            restartPolicy(container, out);
            securityOptions(container, out);
            JsonObject labels = Values.object(json, "dockerLabels");
            if (labels != null) {
                for (String key : labels.keys()) {
                    if (key.startsWith(AGENT_LABELS)) {
                        out.warning(container.at("dockerLabels").key(key), "The ECS agent sets the "
                                + AGENT_LABELS + "* labels itself and overrides " + key + "; use another label name.",
                                "docker-labels");
                    }
                }
            }
        }
    }

    private void restartPolicy(RuleContext.Container container, Findings out) {
        JsonObject policy = Values.object(container.json(), "restartPolicy");
        if (policy == null) {
            return;
        }
        JsonPath path = container.at("restartPolicy");
        Long period = Values.number(policy, "restartAttemptPeriod");
        if (period != null && (period < 60 || period > 1800)) {
            out.error(path.key("restartAttemptPeriod"), "restartAttemptPeriod " + period + " is out of range; ECS"
                    + " accepts 60 to 1800 seconds.", "restart-policy");
        }
        List<Json> codes = Values.array(policy, "ignoredExitCodes").items();
        if (codes.size() > 50) {
            out.error(path.key("ignoredExitCodes"), "ignoredExitCodes lists " + codes.size() + " exit codes; ECS"
                    + " accepts at most 50.", "restart-policy");
        }
    }

    private void securityOptions(RuleContext.Container container, Findings out) {
        List<Json> options = Values.array(container.json(), "dockerSecurityOptions").items();
        for (int j = 0; j < options.size(); j++) {
            if (!(options.get(j) instanceof JsonString s) || Values.hasPlaceholder(s.value())) {
                continue;
            }
            String option = s.value();
            boolean known = option.equals("no-new-privileges") || option.startsWith("apparmor:")
                    || option.startsWith("label:") || option.startsWith("credentialspec:");
            if (!known) {
                out.warning(container.at("dockerSecurityOptions").index(j), "Security option " + Values.quote(option)
                        + " is not one of the forms ECS documents: no-new-privileges, apparmor:PROFILE, label:value or"
                        + " credentialspec:PATH.", "docker-security-options");
            }
        }
    }
}
