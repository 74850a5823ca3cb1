package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonNull;
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

class SchemaRulesTest {

    @Test
    void aCorrectDefinitionHasNoSchemaFinding() throws Exception {
        assertThat(ruleIds(validate(file("valid-awsvpc-ec2.json")))).noneMatch(id -> id.startsWith("schema-"));
    }

    @Test
    void unknownMembersAreKeptWithAWarningAndASuggestion() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].memoryReservaton", 256);
        task = set(task, "revision", 3);

        List<Finding> findings = validate(task);

        Finding unknown = find(findings, "schema-unknown-member", "containerDefinitions[1].memoryReservaton");
        assertThat(unknown.isError()).isFalse();
        assertThat(unknown.message()).contains("AWS CLI rejects it").contains("Did you mean memoryReservation?");
        assertThat(find(findings, "schema-unknown-member", "revision").message())
                .contains("only returned by DescribeTaskDefinition");
    }

    @Test
    void explicitNullsAreWarnings() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].hostname", JsonNull.INSTANCE);

        Finding finding = find(validate(task), "schema-null", "containerDefinitions[0].hostname");

        assertThat(finding.isError()).isFalse();
        assertThat(finding.message()).contains("AWS CLI rejects null").contains("ECS treats it as absent");
    }

    @Test
    void requiredMembersAreCheckedInNestedShapes() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].logConfiguration.logDriver",
                null);
        task = set(task, "containerDefinitions[1].ulimits[0].hardLimit", null);
        task = set(task, "family", null);

        assertThat(ids(validate(task))).contains(
                tuple("schema-required", "family"),
                tuple("schema-required", "containerDefinitions[0].logConfiguration.logDriver"),
                tuple("schema-required", "containerDefinitions[1].ulimits[0].hardLimit"));
    }

    @Test
    void enumValuesAreCaseSensitive() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].portMappings[0].protocol", "TCP");

        Finding finding = find(validate(task), "schema-enum", "containerDefinitions[0].portMappings[0].protocol");

        assertThat(finding.isError()).isTrue();
        assertThat(finding.message()).contains("tcp or udp").contains("write \"tcp\"");
    }

    @Test
    void lengthsPatternsAndCountsComeFromTheSchema() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "tags[0].key", "k".repeat(129));
        task = set(task, "tags[1].value", "semi;colon");

        assertThat(ids(validate(task))).contains(tuple("schema-range", "tags[0].key"),
                tuple("schema-pattern", "tags[1].value"));
    }

    @Test
    void wrongJsonTypesAreErrors() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].memoryReservation", "768");

        Finding finding = find(validate(task), "schema-type", "containerDefinitions[1].memoryReservation");

        assertThat(finding.message()).contains("an integer").contains("\"768\"");
    }

    @Test
    void placeholdersAreWarningsAndOtherRulesSkipThem() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].image", "<IMAGE1_NAME>");
        task = set(task, "executionRoleArn", "arn:aws:iam::${ACCOUNT_ID}:role/ecsTaskExecutionRole");
        task = set(task, "networkMode", "$$$NETWORK_MODE$$$");

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).containsExactlyInAnyOrder(
                tuple("placeholder", "executionRoleArn"),
                tuple("placeholder", "networkMode"),
                tuple("placeholder", "containerDefinitions[1].image"));
        assertThat(find(findings, "placeholder", "containerDefinitions[1].image").message())
                .isEqualTo("Placeholder <IMAGE1_NAME> kept verbatim; substitute it before registering.");
    }

    @Test
    void shellVariablesInCommandsAreNotPlaceholders() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[0].command",
                "[\"sh\", \"-c\", \"echo ${HOME} && exec bin/rails db:migrate\"]");

        assertThat(validate(task)).isEmpty();
    }
}
