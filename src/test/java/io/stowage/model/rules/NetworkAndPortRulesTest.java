package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.ruleIds;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** LinkRules, NetworkModeRules and PortRules. */
class NetworkAndPortRulesTest {

    @Test
    void correctNetworkingGivesNoFinding() throws Exception {
        assertThat(validate(file("valid-ec2-bridge.json"))).isEmpty();
        assertThat(validate(file("valid-awsvpc-ec2.json"))).isEmpty();
        TaskDefinition host = set(file("valid-awsvpc-ec2.json"), "networkMode", "host");
        host = set(host, "containerDefinitions[0].systemControls", null);
        // Correct, but its ports listen on every interface of the instance: HostExposureRules says so.
        assertThat(validate(host)).isNotEmpty().extracting(Finding::ruleId).containsOnly("host-network-ports");
    }

    @Test
    void linksNeedBridgeModeAFormAndATarget() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[0].links",
                "[\"otel-collector:otel\", \"cache\", \"a:b:c\"]");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "links-network-mode", "containerDefinitions[0].links").message())
                .contains("bridge").contains("awsvpc");
        assertThat(ids(findings)).contains(tuple("link-target", "containerDefinitions[0].links[1]"),
                tuple("link-format", "containerDefinitions[0].links[2]"));
    }

    @Test
    void awsvpcAndHostNeedHostPortEqualToContainerPort() throws Exception {
        TaskDefinition awsvpc = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[1].portMappings[0]",
                "{\"containerPort\": 80, \"hostPort\": 8080}");

        Finding finding = find(validate(awsvpc), "host-port-must-match", "containerDefinitions[1].portMappings[0].hostPort");

        assertThat(finding.message()).isEqualTo(
                "hostPort 8080 must equal containerPort 80 in awsvpc network mode; set it to 80 or omit it.");
        TaskDefinition host = set(awsvpc, "networkMode", "host");
        host = set(host, "containerDefinitions[0].systemControls", null);
        assertThat(ids(validate(host))).contains(
                tuple("host-port-must-match", "containerDefinitions[1].portMappings[0].hostPort"));
    }

    @Test
    void networkModeNoneAllowsNoPortMappingsAndAwsvpcNoHostname() throws Exception {
        TaskDefinition none = set(file("valid-awsvpc-ec2.json"), "networkMode", "none");
        TaskDefinition hostname = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[0].hostname", "api");

        assertThat(ids(validate(none))).contains(tuple("port-mappings-network-none", "containerDefinitions[0].portMappings"));
        assertThat(ids(validate(hostname))).contains(tuple("awsvpc-unsupported", "containerDefinitions[0].hostname"));
    }

    @Test
    void externalInstancesDoNotSupportAwsvpc() throws Exception {
        assertThat(ids(validate(file("valid-awsvpc-ec2.json"), "EXTERNAL")))
                .contains(tuple("network-mode-launch-type", "networkMode"));
        assertThat(ruleIds(validate(file("valid-ec2-bridge.json"), "EXTERNAL"))).doesNotContain("network-mode-launch-type");
    }

    @Test
    void staticHostPortsAreUniqueInTheTask() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].portMappings",
                "[{\"containerPort\": 3306, \"hostPort\": 80}, {\"containerPort\": 33060, \"hostPort\": 80, \"protocol\": \"udp\"}]");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "host-port-duplicate", "containerDefinitions[1].portMappings[0].hostPort").message())
                .contains("80/tcp").contains("containerDefinitions[0].portMappings[0]");
        assertThat(ids(findings)).doesNotContain(tuple("host-port-duplicate", "containerDefinitions[1].portMappings[1].hostPort"));
    }

    @Test
    void dynamicHostPortsNeverClash() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].portMappings",
                "[{\"containerPort\": 80}, {\"containerPort\": 80, \"hostPort\": 0}]");
        task = set(task, "containerDefinitions[0].portMappings[0].hostPort", 0);

        assertThat(validate(task)).isEmpty();
    }

    @Test
    void agentReservedPortsCannotBeStaticHostPortsOnInstances() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].portMappings[0].hostPort", 51678);

        assertThat(ids(validate(task))).contains(tuple("reserved-host-port", "containerDefinitions[0].portMappings[0].hostPort"));
        TaskDefinition awsvpc = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[1].portMappings[0].containerPort", 22);
        assertThat(ruleIds(validate(awsvpc))).doesNotContain("reserved-host-port");
        TaskDefinition host = set(set(awsvpc, "networkMode", "host"), "containerDefinitions[0].systemControls", null);
        assertThat(ids(validate(host))).contains(
                tuple("reserved-host-port", "containerDefinitions[1].portMappings[0].containerPort"));
    }

    @Test
    void portsAreInRangeAndPresent() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].portMappings[0].hostPort", 70000);
        task = set(task, "containerDefinitions[1].portMappings", "[{\"protocol\": \"tcp\"}, {\"containerPort\": 0}]");

        assertThat(ids(validate(task))).contains(
                tuple("port-range", "containerDefinitions[0].portMappings[0].hostPort"),
                tuple("container-port-required", "containerDefinitions[1].portMappings[0].containerPort"),
                tuple("port-range", "containerDefinitions[1].portMappings[1].containerPort"));
    }

    @Test
    void containerPortRangesAreWellFormed() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[1].portMappings",
                "[{\"containerPortRange\": \"9000-9100\"}, {\"containerPortRange\": \"9100-9000\"},"
                        + " {\"containerPortRange\": \"9050-9060\"}, {\"containerPortRange\": \"8000-8010\", \"hostPort\": 8000}]");

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).contains(
                tuple("container-port-range", "containerDefinitions[1].portMappings[1].containerPortRange"),
                tuple("container-port-range", "containerDefinitions[1].portMappings[2]"),
                tuple("container-port-range", "containerDefinitions[1].portMappings[3].hostPort"));
        assertThat(ids(findings)).doesNotContain(tuple("container-port-range", "containerDefinitions[1].portMappings[0]"));
    }

    @Test
    void bridgeHostPortsInTheEphemeralRangeAreWarnings() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].portMappings[0].hostPort", 49200);

        Finding finding = find(validate(task), "host-port-ephemeral", "containerDefinitions[0].portMappings[0].hostPort");

        assertThat(finding.isError()).isFalse();
    }

    @Test
    void portMappingNamesFollowServiceConnectRules() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].portMappings[0].name", "-Web");

        assertThat(ids(validate(task))).contains(tuple("port-mapping-name", "containerDefinitions[1].portMappings[0].name"));
    }
}
