package io.stowage.model.rules;

/**
 * One area of task-definition validation (names, ports, Fargate...). A rule reads the task through a
 * {@link RuleContext}, never throws on odd input (wrong types, placeholders, nulls), and adds every finding it
 * has to the sink; it stays silent about what another rule already reports.
 */
public interface Rule {
    void check(RuleContext task, Findings out);
}
