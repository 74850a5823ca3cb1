package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;

class ImageReferenceRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "nginx:1.27", "library/nginx:latest", "amazon/amazon-ecs-agent:v1.89.0",
            "quay.io/assemblyline/ubuntu", "localhost:5000/app:dev", "registry.example.com:8443/team/app_v2:2024.06.01-rc1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:2.4.1",
            "public.ecr.aws/docker/library/redis:7@sha256:94afd1f2e64d908bc90dbca0035a5b5670123456789abcdef0123456789abcde",
            "my__image", "a-b---c.d_e", "MyRegistry.example.com/app:1", "[::1]:5000/app"})
    void validReferencesGiveNoFinding(String image) throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].image", new JsonString(image));

        assertThat(validate(task)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Nginx:1.27|lowercase",
            "nginx:-latest|tag",
            "nginx@sha256:1234|digest",
            "nginx@md5:0123456789abcdef0123456789abcdef|sha256",
            "my image:1|spaces",
            "registry.example.com//app|empty path component",
            "-nginx|path component",
            "nginx..latest|path component",
            "http://registry.example.com/app|registry"})
    void invalidReferencesAreErrors(String image, String problem) throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].image", new JsonString(image));

        Finding finding = find(validate(task), "image-reference", "containerDefinitions[0].image");

        assertThat(finding.isError()).isTrue();
        assertThat(finding.message()).contains(problem);
    }

    @Test
    void tagsHaveAtMost128Characters() throws Exception {
        TaskDefinition ok = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].image", "nginx:" + "a".repeat(128));
        TaskDefinition tooLong = set(ok, "containerDefinitions[0].image", "nginx:" + "a".repeat(129));

        assertThat(validate(ok)).isEmpty();
        assertThat(find(validate(tooLong), "image-reference", "containerDefinitions[0].image").message())
                .contains("1 to 128");
    }
}
