package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HealthCheckRulesTest {
    private static final String HC = "containerDefinitions[1].healthCheck";

    @Test
    void cmdAndCmdShellChecksGiveNoFinding() throws Exception {
        assertThat(validate(file("valid-ec2-bridge.json"))).isEmpty(); // CMD
        assertThat(validate(file("valid-fargate.json"))).isEmpty(); // CMD-SHELL
    }

    @Test
    void theCommandStartsWithCmdOrCmdShell() throws Exception {
        TaskDefinition bare = set(file("valid-ec2-bridge.json"), HC + ".command", "[\"mysqladmin ping\"]");
        TaskDefinition empty = set(file("valid-ec2-bridge.json"), HC + ".command", "[]");
        TaskDefinition spaces = set(file("valid-ec2-bridge.json"), HC + ".command", "[\"CMD\", \"mysqladmin ping\"]");

        Finding warning = find(validate(bare), "health-check-command", HC + ".command[0]");
        assertThat(warning.isError()).isFalse();
        assertThat(warning.message()).contains("[\"CMD-SHELL\", \"mysqladmin ping\"]");
        assertThat(find(validate(empty), "health-check-command", HC + ".command").isError()).isTrue();
        assertThat(ids(validate(spaces))).contains(tuple("health-check-command", HC + ".command[1]"));
    }

    @Test
    void cmdShellTakesOneCommandString() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), HC + ".command",
                "[\"CMD-SHELL\", \"mysqladmin\", \"ping\"]");

        assertThat(find(validate(task), "health-check-command", HC + ".command").message()).contains("Join them");
    }

    @Test
    void intervalTimeoutRetriesAndStartPeriodAreInRange() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), HC + ".interval", 301);
        task = set(task, HC + ".timeout", 1);
        task = set(task, HC + ".retries", 11);
        task = set(task, HC + ".startPeriod", 301);

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).contains(tuple("health-check-range", HC + ".interval"),
                tuple("health-check-range", HC + ".timeout"), tuple("health-check-range", HC + ".retries"),
                tuple("health-check-range", HC + ".startPeriod"));
        assertThat(find(findings, "health-check-range", HC + ".interval").message()).contains("5 to 300 seconds");
    }

    @Test
    void aTimeoutNotShorterThanTheIntervalIsAWarning() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), HC + ".timeout", 10);

        Finding finding = find(validate(task), "health-check-timeout", HC + ".timeout");

        assertThat(finding.isError()).isFalse();
        assertThat(finding.message()).contains("(10 s)").contains("(10 s)");
    }
}
