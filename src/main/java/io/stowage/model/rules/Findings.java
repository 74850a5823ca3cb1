package io.stowage.model.rules;

import io.stowage.model.json.JsonPath;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of the rules of one validation run. */
public final class Findings {
    private final List<Finding> findings = new ArrayList<>();

    public void error(JsonPath path, String message, String ruleId) {
        findings.add(Finding.error(path.text(), message, ruleId));
    }

    public void warning(JsonPath path, String message, String ruleId) {
        findings.add(Finding.warning(path.text(), message, ruleId));
    }

    public void add(Finding finding) {
        findings.add(finding);
    }

    public List<Finding> list() {
        return List.copyOf(findings);
    }
}
