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

class NamesRuleTest {

    @Test
    void validNamesGiveNoFinding() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "family", "Blog_prod-2");
        task = set(task, "containerDefinitions[1].essential", false);

        assertThat(validate(task)).isEmpty();
    }

    @Test
    void familyAndContainerNamesAllowLettersDigitsUnderscoresAndHyphens() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "family", "my blog");
        task = set(task, "containerDefinitions[0].name", "word.press");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "family-name", "family").message()).contains("\"my-blog\"");
        assertThat(ids(findings)).contains(tuple("container-name", "containerDefinitions[0].name"));
    }

    @Test
    void duplicateContainerNamesAreReportedAtTheSecond() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].name", "wordpress");

        Finding finding = find(validate(task), "container-name-duplicate", "containerDefinitions[1].name");

        assertThat(finding.message()).contains("already used by containerDefinitions[0]");
    }

    @Test
    void everyContainerNeedsANameAndAnImage() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[0].name", null);
        task = set(task, "containerDefinitions[1].image", "");

        assertThat(ids(validate(task))).contains(tuple("container-name-required", "containerDefinitions[0].name"),
                tuple("container-image-required", "containerDefinitions[1].image"));
    }

    @Test
    void atLeastOneContainerIsEssentialAndOmittedMeansEssential() throws Exception {
        TaskDefinition none = set(file("valid-fargate.json"), "containerDefinitions[1].essential", false);
        TaskDefinition omitted = set(file("valid-fargate.json"), "containerDefinitions[1].essential", null);

        assertThat(ids(validate(none))).contains(tuple("essential-container", "containerDefinitions"));
        assertThat(validate(omitted)).isEmpty();
    }

    @Test
    void aTaskDefinitionHoldsOneToTenContainers() throws Exception {
        TaskDefinition task = file("valid-fargate.json");
        for (int i = 2; i <= 10; i++) {
            task = set(task, "containerDefinitions[" + i + "]", "{\"name\": \"sidecar" + i + "\", \"image\": \"busybox:1.36\","
                    + " \"essential\": false}");
        }

        assertThat(ids(validate(task))).contains(tuple("container-count", "containerDefinitions"));
        assertThat(ids(validate(set(task, "containerDefinitions[10]", null)))).doesNotContain(
                tuple("container-count", "containerDefinitions"));
    }
}
