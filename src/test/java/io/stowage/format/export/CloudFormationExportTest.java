package io.stowage.format.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.format.ConversionReport;
import io.stowage.format.cloudformation.CloudFormationExport;
import io.stowage.format.compose.ComposeImport;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudFormation export makes templates cfn-lint finds no error in, and that create what the design holds. */
@Tag("ecs")
class CloudFormationExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SHOP = Path.of("src/test/resources/compose/shop/compose.yml");

    @TempDir
    Path dir;

    static List<Design> designs() throws Exception {
        List<Design> out = new ArrayList<>();
        out.add(ExampleDesigns.firstStart().design());
        out.add(ComposeImport.read(List.of(SHOP), new ComposeImport.Options(null, List.of("tools"), false, null,
                Map.of())).imported().design());
        out.add(ComposeImport.read(List.of(SHOP), new ComposeImport.Options("shop-one-task", List.of(), true, null,
                Map.of())).imported().design());
        for (Path file : io.stowage.format.compose.ComposeCorpusTestFiles.all()) {
            out.add(ComposeImport.read(List.of(file), new ComposeImport.Options(null, List.of("*"), false, null,
                    Map.of())).imported().design());
        }
        return out;
    }

    @Test
    void cfnLintFindsNoErrorInTheExportOfAnyDesign() throws Exception {
        ExternalTool.require("cfn-lint", "cfn-lint", "--version");
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        List<Design> designs = designs();
        for (int i = 0; i < designs.size(); i++) {
            CloudFormationExport.Result result = CloudFormationExport.export(designs.get(i));
            Path yaml = Files.writeString(dir.resolve(i + ".yaml"), result.yaml());
            command.add(yaml.toString());
            if (i == 0) {
                command.add(Files.writeString(dir.resolve(i + ".json"), result.json()).toString());
            }
        }
        ExternalTool.Run lint = ExternalTool.run(dir, 300, command);
        // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational findings.
        assertThat(lint.exitCode() & 2).as(lint.output()).isZero();
        assertThat(lint.exitCode() & ~(2 | 4 | 8)).as(lint.output()).isZero();
        assertThat(lint.output()).doesNotContain(":E");
    }

    @Test
    void theExampleBecomesAClusterCapacityTaskDefinitionsServicesAndRoles() throws Exception {
        CloudFormationExport.Result result = CloudFormationExport.export(ExampleDesigns.firstStart().design());
        JsonNode template = JSON.readTree(result.json());
        JsonNode resources = template.get("Resources");

        assertThat(resources.get("DemoCluster").get("Properties").get("ClusterName").asText()).isEqualTo("demo");
        assertThat(typeCount(resources, "AWS::ECS::TaskDefinition")).isEqualTo(4);
        assertThat(typeCount(resources, "AWS::ECS::Service")).isEqualTo(4);
        assertThat(typeCount(resources, "AWS::AutoScaling::AutoScalingGroup")).isEqualTo(2);
        JsonNode web = resources.get("WebService");
        assertThat(web.get("Properties").get("Cluster").get("Ref").asText()).isEqualTo("DemoCluster");
        assertThat(web.get("Properties").get("TaskDefinition").get("Ref").asText()).isEqualTo("WebTaskDefinition");
        assertThat(web.get("Properties").get("DesiredCount").asInt()).isEqualTo(2);
        assertThat(web.get("DependsOn")).hasSize(2);
        assertThat(resources.get("ApiService").get("Properties").get("PlacementStrategies").get(0).get("Type").asText())
                .isEqualTo("binpack");
        JsonNode worker = resources.get("WorkerService").get("Properties");
        assertThat(worker.get("NetworkConfiguration").get("AwsvpcConfiguration").get("Subnets").get("Ref").asText())
                .isEqualTo("Subnets");
        assertThat(worker.has("DependsOn")).isFalse();
        assertThat(resources.get("WorkerTaskDefinition").get("Properties").get("ExecutionRoleArn").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"EcsTaskExecutionRole\",\"Arn\"]}");
        assertThat(resources.get("EcsWorkerLogGroup").get("Properties").get("LogGroupName").asText())
                .isEqualTo("/ecs/worker");
        assertThat(template.get("Parameters").fieldNames()).toIterable()
                .contains("VpcId", "Subnets", "EcsOptimizedAmiLinux");
        String userData = resources.get("DemoT3MediumLaunchTemplate").get("Properties").get("LaunchTemplateData")
                .get("UserData").get("Fn::Base64").get("Fn::Sub").asText();
        assertThat(userData).contains("ECS_CLUSTER=${DemoCluster}");
        assertThat(result.report().items(ConversionReport.Kind.NOT_MAPPED)).extracting(ConversionReport.Item::path)
                .containsExactly("clusters[0].tasks[0]");
    }

    @Test
    void placeholdersBecomeParametersAndDaemonServicesHaveNoDesiredCount() throws Exception {
        Design shop = ComposeImport.read(List.of(SHOP), new ComposeImport.Options(null, List.of(), false, null,
                Map.of())).imported().design();
        JsonNode template = JSON.readTree(CloudFormationExport.export(shop).json());
        assertThat(template.get("Parameters").has("SecretArnDbPassword")).isTrue();
        JsonNode api = template.get("Resources").get("ApiTaskDefinition").get("Properties");
        assertThat(api.get("ContainerDefinitions").get(0).get("Secrets").get(0).get("ValueFrom").toString())
                .isEqualTo("{\"Ref\":\"SecretArnDbPassword\"}");
        assertThat(api.get("ExecutionRoleArn").toString()).contains("TaskExecutionRole");
        JsonNode db = template.get("Resources").get("DbService").get("Properties");
        assertThat(db.get("SchedulingStrategy").asText()).isEqualTo("DAEMON");
        assertThat(db.has("DesiredCount")).isFalse();
        assertThat(template.get("Resources").get("ShopClusterCluster")).isNotNull();
    }

    /**
     * Plain environment values that are secrets, and placeholders named like secrets, become NoEcho parameters
     * without defaults: the template holds none of the values, and cfn-lint still passes.
     */
    @Test
    void secretsBecomeNoEchoParametersAndNoValueIsWritten() throws Exception {
        Design example = ExampleDesigns.firstStart().design();
        io.stowage.model.ecs.TaskDefinition api = example.taskDefinition("api").orElseThrow();
        io.stowage.model.ecs.ContainerDefinition container = api.containerDefinitions().get(0);
        io.stowage.model.json.Json environment = ((io.stowage.model.json.JsonObject) io.stowage.format.JsonFileReader
                .parse(Path.of("env.json"), """
                        {"environment": [{"name": "PORT", "value": "3000"},
                         {"name": "DB_PASSWORD", "value": "hunter2"},
                         {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"},
                         {"name": "API_TOKEN", "value": "${API_TOKEN:-dev-token-1234}"},
                         {"name": "GREETING", "value": "${GREETING:-hello}"}]}""".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).root()).get("environment");
        Design design = example.withTaskDefinition(api.withContainerDefinitions(List.of(
                new io.stowage.model.ecs.ContainerDefinition(container.json().with("environment", environment)))));

        CloudFormationExport.Result result = CloudFormationExport.export(design);

        assertThat(result.yaml()).doesNotContain("hunter2").doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("dev-token-1234");
        assertThat(result.json()).doesNotContain("hunter2").doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("dev-token-1234");
        JsonNode template = JSON.readTree(result.json());
        JsonNode parameters = template.get("Parameters");
        for (String secret : List.of("DbPassword", "AwsAccessKeyId", "ApiToken")) {
            assertThat(parameters.get(secret)).as(secret).isNotNull();
            assertThat(parameters.get(secret).get("NoEcho").asBoolean()).as(secret).isTrue();
            assertThat(parameters.get(secret).has("Default")).as(secret).isFalse();
        }
        assertThat(parameters.get("Greeting").has("NoEcho")).isFalse();
        assertThat(parameters.get("Greeting").get("Default").asText()).isEqualTo("hello");
        JsonNode variables = template.get("Resources").get("ApiTaskDefinition").get("Properties")
                .get("ContainerDefinitions").get(0).get("Environment");
        assertThat(variables.toString()).contains("{\"Name\":\"PORT\",\"Value\":\"3000\"}",
                "{\"Name\":\"DB_PASSWORD\",\"Value\":{\"Ref\":\"DbPassword\"}}",
                "{\"Name\":\"AWS_ACCESS_KEY_ID\",\"Value\":{\"Ref\":\"AwsAccessKeyId\"}}",
                "{\"Name\":\"API_TOKEN\",\"Value\":{\"Ref\":\"ApiToken\"}}");
        assertThat(result.report().items(ConversionReport.Kind.APPROXIMATED)).extracting(ConversionReport.Item::path)
                .contains("taskDefinitions[1].containerDefinitions[0].environment[1].value",
                        "taskDefinitions[1].containerDefinitions[0].environment[2].value");

        ExternalTool.require("cfn-lint", "cfn-lint", "--version");
        Path yaml = Files.writeString(dir.resolve("secrets.yaml"), result.yaml());
        ExternalTool.Run lint = ExternalTool.run(dir, 120, List.of("cfn-lint", "--format", "parseable",
                yaml.toString()));
        assertThat(lint.exitCode() & 2).as(lint.output()).isZero();
        assertThat(lint.output()).doesNotContain(":E");
    }

    private static long typeCount(JsonNode resources, String type) {
        long count = 0;
        for (JsonNode resource : resources) {
            if (type.equals(resource.get("Type").asText())) {
                count++;
            }
        }
        return count;
    }
}
