package io.stowage.agent.ecsapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ECS endpoint's answers over a run's state: every Describe/List output walks against botocore's output shapes
 * (members and types), pagination as ECS pages, and ECS's errors; over HTTP as the AWS JSON 1.1 protocol carries
 * them.
 */
class EcsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00.250Z");
    private static final JsonNode MODEL = model();

    private final FakeRun run = new FakeRun();
    private final EcsApi api = new EcsApi(() -> List.of(run));

    @Test
    void listsAndDescribesClustersServicesTasksAndInstancesInEcsShapes() {
        assertThat(call("ListClusters", "{}").path("clusterArns").toString())
                .isEqualTo("[\"arn:aws:ecs:local:000000000000:cluster/shop\"]");
        JsonNode clusters = call("DescribeClusters", "{\"clusters\": [\"shop\", \"nope\"]}");
        assertThat(clusters.path("clusters").get(0).path("runningTasksCount").asInt()).isEqualTo(2);
        assertThat(clusters.path("clusters").get(0).path("activeServicesCount").asInt()).isEqualTo(1);
        assertThat(clusters.path("clusters").get(0).path("registeredContainerInstancesCount").asInt()).isEqualTo(1);
        assertThat(clusters.path("failures").get(0).toString()).isEqualTo(
                "{\"arn\":\"arn:aws:ecs:local:000000000000:cluster/nope\",\"reason\":\"MISSING\"}");

        JsonNode services = call("DescribeServices", "{\"cluster\": \"shop\", \"services\": [\"web\", \"gone\"]}");
        JsonNode web = services.path("services").get(0);
        assertThat(web.path("serviceArn").asText()).isEqualTo("arn:aws:ecs:local:000000000000:service/shop/web");
        assertThat(web.path("desiredCount").asInt()).isEqualTo(2);
        assertThat(web.path("runningCount").asInt()).isEqualTo(2);
        assertThat(web.path("taskDefinition").asText())
                .isEqualTo("arn:aws:ecs:local:000000000000:task-definition/web:1");
        // One PRIMARY deployment with running == desired: what `aws ecs wait services-stable` waits for.
        assertThat(web.path("deployments")).hasSize(1);
        assertThat(web.path("deployments").get(0).path("status").asText()).isEqualTo("PRIMARY");
        assertThat(web.path("deployments").get(0).path("rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(web.path("events").get(0).path("message").asText())
                .isEqualTo("(service web) has reached a steady state.");
        assertThat(web.path("createdAt").decimalValue()).isEqualByComparingTo("1796299200.250");
        assertThat(web.path("deploymentConfiguration").path("maximumPercent").asInt()).isEqualTo(200);
        assertThat(services.path("failures").get(0).path("arn").asText())
                .isEqualTo("arn:aws:ecs:local:000000000000:service/shop/gone");

        JsonNode running = call("ListTasks", "{\"cluster\": \"shop\"}");
        assertThat(running.path("taskArns")).hasSize(2);
        assertThat(call("ListTasks", "{\"cluster\": \"shop\", \"desiredStatus\": \"STOPPED\"}").path("taskArns"))
                .hasSize(1);
        assertThat(call("ListTasks", "{\"cluster\": \"shop\", \"serviceName\": \"web\"}").path("taskArns"))
                .hasSize(2);

        JsonNode tasks = call("DescribeTasks", "{\"cluster\": \"arn:aws:ecs:local:000000000000:cluster/shop\", "
                + "\"tasks\": [\"" + FakeRun.id(1) + "\", \"" + FakeRun.arn(3) + "\", \"ffff\"]}");
        JsonNode first = tasks.path("tasks").get(0);
        assertThat(first.path("lastStatus").asText()).isEqualTo("RUNNING");
        assertThat(first.path("containers").get(0).path("runtimeId").asText()).isEqualTo("d0cker1");
        assertThat(first.path("containers").get(0).path("networkBindings").get(0).path("hostPort").asInt())
                .isEqualTo(8080);
        JsonNode stopped = tasks.path("tasks").get(1);
        assertThat(stopped.path("stoppedReason").asText()).isEqualTo("Task stopped by user");
        assertThat(stopped.path("stopCode").asText()).isEqualTo("UserInitiated");
        assertThat(stopped.path("desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(tasks.path("failures").get(0).path("reason").asText()).isEqualTo("MISSING");

        JsonNode instances = call("ListContainerInstances", "{\"cluster\": \"shop\"}");
        assertThat(instances.path("containerInstanceArns").toString())
                .isEqualTo("[\"arn:aws:ecs:local:000000000000:container-instance/shop/i-1\"]");
        JsonNode described = call("DescribeContainerInstances",
                "{\"cluster\": \"shop\", \"containerInstances\": [\"i-1\"]}");
        assertThat(described.path("containerInstances").get(0).path("agentConnected").asBoolean()).isTrue();
        assertThat(described.path("containerInstances").get(0).path("remainingResources").get(1)
                .path("integerValue").asInt()).isEqualTo(1536);
    }

    @Test
    void everyAnswerWalksAgainstBotocoresOutputShapes() {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        inputs.put("ListClusters", "{}");
        inputs.put("DescribeClusters", "{\"clusters\": [\"shop\", \"nope\"]}");
        inputs.put("ListServices", "{\"cluster\": \"shop\"}");
        inputs.put("DescribeServices", "{\"cluster\": \"shop\", \"services\": [\"web\", \"gone\"]}");
        inputs.put("ListTasks", "{\"cluster\": \"shop\"}");
        inputs.put("DescribeTasks", "{\"cluster\": \"shop\", \"tasks\": [\"" + FakeRun.id(1) + "\", \""
                + FakeRun.id(3) + "\", \"nope\"]}");
        inputs.put("ListContainerInstances", "{\"cluster\": \"shop\"}");
        inputs.put("DescribeContainerInstances",
                "{\"cluster\": \"shop\", \"containerInstances\": [\"i-1\", \"i-9\"]}");
        inputs.put("StopTask", "{\"cluster\": \"shop\", \"task\": \"" + FakeRun.id(2) + "\"}");
        inputs.put("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"desiredCount\": 3}");
        inputs.put("RegisterTaskDefinition", REGISTER_WEB_V2);
        inputs.put("DescribeTaskDefinition", "{\"taskDefinition\": \"web\", \"include\": [\"TAGS\"]}");
        inputs.put("ListTaskDefinitions", "{}");
        inputs.put("ListTaskDefinitionFamilies", "{}");
        inputs.put("CreateService", "{\"cluster\": \"shop\", \"serviceName\": \"api\", \"taskDefinition\": \"web:1\", "
                + "\"desiredCount\": 2}");
        inputs.put("RunTask", "{\"cluster\": \"shop\", \"taskDefinition\": \"web\", \"count\": 2}");
        inputs.put("CreateCluster", "{\"clusterName\": \"empty\"}");
        inputs.put("DeleteService", "{\"cluster\": \"shop\", \"service\": \"web\", \"force\": true}");
        inputs.put("DeregisterTaskDefinition", "{\"taskDefinition\": \"web:1\"}");
        assertThat(inputs.keySet()).containsExactlyInAnyOrderElementsOf(EcsApi.SERVED);
        for (var e : inputs.entrySet()) {
            JsonNode operation = MODEL.path("operations").path(e.getKey());
            String output = operation.path("output").path("shape").asText();
            List<String> problems = new ArrayList<>();
            walk(call(e.getKey(), e.getValue()), output, e.getKey(), problems);
            assertThat(problems).as(e.getKey()).isEmpty();
        }
    }

    /** A second revision of the run's own web, as a deploy script registers it. */
    static final String REGISTER_WEB_V2 = """
            {"family": "web", "networkMode": "bridge", "containerDefinitions": [
              {"name": "app", "image": "nginx:1.27", "memory": 256,
               "portMappings": [{"containerPort": 80, "hostPort": 8080}]}],
             "tags": [{"key": "team", "value": "shop"}]}
            """;

    @Test
    void registersRevisionsAfterTheRunsOwnAndListsDescribesAndDeregistersThem() {
        // The run's own task definition is revision 1 of its family.
        assertThat(call("ListTaskDefinitions", "{}").path("taskDefinitionArns").toString())
                .isEqualTo("[\"arn:aws:ecs:local:000000000000:task-definition/web:1\"]");
        JsonNode own = call("DescribeTaskDefinition", "{\"taskDefinition\": \"web\"}").path("taskDefinition");
        assertThat(own.path("revision").asInt()).isEqualTo(1);
        assertThat(own.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(own.path("containerDefinitions").get(0).path("essential").asBoolean()).isTrue();
        assertThat(own.path("containerDefinitions").get(0).path("portMappings").get(0).path("protocol").asText())
                .isEqualTo("tcp");

        JsonNode registered = call("RegisterTaskDefinition", REGISTER_WEB_V2);
        assertThat(registered.path("taskDefinition").path("taskDefinitionArn").asText())
                .isEqualTo("arn:aws:ecs:local:000000000000:task-definition/web:2");
        assertThat(registered.path("taskDefinition").has("tags")).isFalse();
        assertThat(registered.path("tags").toString()).isEqualTo("[{\"key\":\"team\",\"value\":\"shop\"}]");
        assertThat(call("RegisterTaskDefinition", REGISTER_WEB_V2.replace("\"web\"", "\"worker\""))
                .path("taskDefinition").path("revision").asInt()).isEqualTo(1);

        // The family alone is its latest ACTIVE revision; tags only when asked for.
        JsonNode latest = call("DescribeTaskDefinition", "{\"taskDefinition\": \"web\"}");
        assertThat(latest.path("taskDefinition").path("containerDefinitions").get(0).path("image").asText())
                .isEqualTo("nginx:1.27");
        assertThat(latest.has("tags")).isFalse();
        assertThat(call("DescribeTaskDefinition", "{\"taskDefinition\": "
                + "\"arn:aws:ecs:local:000000000000:task-definition/web:2\", \"include\": [\"TAGS\"]}")
                .path("tags").get(0).path("value").asText()).isEqualTo("shop");

        assertThat(call("ListTaskDefinitions", "{\"familyPrefix\": \"web\", \"sort\": \"DESC\"}")
                .path("taskDefinitionArns").toString()).isEqualTo("[\"arn:aws:ecs:local:000000000000:task-definition/"
                + "web:2\",\"arn:aws:ecs:local:000000000000:task-definition/web:1\"]");
        assertThat(call("ListTaskDefinitionFamilies", "{}").path("families").toString())
                .isEqualTo("[\"web\",\"worker\"]");
        assertThat(call("ListTaskDefinitionFamilies", "{\"familyPrefix\": \"wo\"}").path("families").toString())
                .isEqualTo("[\"worker\"]");

        // Deregistered: INACTIVE, no longer the family's latest, listed as INACTIVE; revisions are not reused.
        JsonNode gone = call("DeregisterTaskDefinition", "{\"taskDefinition\": \"web:2\"}").path("taskDefinition");
        assertThat(gone.path("status").asText()).isEqualTo("INACTIVE");
        assertThat(gone.has("deregisteredAt")).isTrue();
        assertThat(call("DescribeTaskDefinition", "{\"taskDefinition\": \"web\"}").path("taskDefinition")
                .path("revision").asInt()).isEqualTo(1);
        assertThat(call("ListTaskDefinitions", "{\"status\": \"INACTIVE\"}").path("taskDefinitionArns"))
                .hasSize(1);
        call("DeregisterTaskDefinition", "{\"taskDefinition\": \"worker:1\"}");
        assertThat(call("ListTaskDefinitionFamilies", "{\"status\": \"INACTIVE\"}").path("families").toString())
                .isEqualTo("[\"worker\"]");
        assertThat(call("RegisterTaskDefinition", REGISTER_WEB_V2).path("taskDefinition").path("revision").asInt())
                .isEqualTo(3);
    }

    @Test
    void refusesTaskDefinitionsAsEcsDoes() {
        assertError("RegisterTaskDefinition", "{\"family\": \"web\", \"containerDefinitions\": []}",
                "ClientException", "Container list cannot be empty.");
        assertError("RegisterTaskDefinition", "{\"family\": \"web\", \"containerDefinitions\": "
                + "[{\"name\": \"app\", \"memory\": 64}]}", "ClientException",
                "Container.image should not be null or empty.");
        assertError("RegisterTaskDefinition", "{\"family\": \"web\", \"containerDefinitions\": "
                + "[{\"name\": \"app\", \"image\": \"nginx\"}]}", "ClientException",
                "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be "
                        + "specified.");
        assertError("RegisterTaskDefinition", "{\"family\": \"web\", \"requiresCompatibilities\": [\"FARGATE\"], "
                + "\"cpu\": \"256\", \"memory\": \"512\", \"containerDefinitions\": "
                + "[{\"name\": \"app\", \"image\": \"nginx\"}]}", "ClientException",
                "Fargate only supports network mode 'awsvpc'.");
        assertThatThrownBy(() -> call("RegisterTaskDefinition", "{\"family\": \"web\", \"containerDefinitions\": "
                + "[{\"name\": \"app\", \"image\": \"nginx\", \"memory\": \"lots\"}]}"))
                .isInstanceOfSatisfying(EcsApiException.class, e -> {
                    assertThat(e.type()).isEqualTo("SerializationException");
                    assertThat(e.getMessage()).contains("containerDefinitions[0].memory");
                });
        assertError("DescribeTaskDefinition", "{\"taskDefinition\": \"nope\"}", "ClientException",
                "Unable to describe task definition.");
        assertError("DescribeTaskDefinition", "{\"taskDefinition\": \"web:9\"}", "ClientException",
                "Unable to describe task definition.");
        assertError("DeregisterTaskDefinition", "{\"taskDefinition\": \"web\"}", "ClientException",
                "A revision must be given: family:revision or the task definition's ARN.");
        assertError("DeregisterTaskDefinition", "{\"taskDefinition\": \"web:9\"}", "ClientException",
                "The specified task definition does not exist.");
        // Nothing refused was registered.
        assertThat(call("ListTaskDefinitions", "{}").path("taskDefinitionArns")).hasSize(1);
    }

    @Test
    void createsServicesAndRunsTasksOfKnownTaskDefinitionsThroughTheRun() {
        call("RegisterTaskDefinition", REGISTER_WEB_V2);
        JsonNode created = call("CreateService", "{\"cluster\": \"shop\", \"serviceName\": \"api\", "
                + "\"taskDefinition\": \"web\", \"desiredCount\": 2, \"deploymentConfiguration\": "
                + "{\"minimumHealthyPercent\": 50}}").path("service");
        // A service of the design's cluster c, running the family's latest revision.
        assertThat(run.created).containsExactly("c/api web:2 desired=2");
        assertThat(created.path("serviceArn").asText()).isEqualTo("arn:aws:ecs:local:000000000000:service/shop/api");
        assertThat(created.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.path("desiredCount").asInt()).isEqualTo(2);
        assertThat(created.path("taskDefinition").asText()).endsWith("task-definition/web:2");
        assertThat(created.path("deploymentConfiguration").path("minimumHealthyPercent").asInt()).isEqualTo(50);
        assertError("CreateService", "{\"cluster\": \"shop\", \"serviceName\": \"web\", \"taskDefinition\": "
                + "\"web\"}", "InvalidParameterException", "Creation of service was not idempotent.");
        assertError("CreateService", "{\"cluster\": \"shop\", \"serviceName\": \"x\", \"taskDefinition\": "
                + "\"nope\"}", "ClientException", "TaskDefinition not found.");
        assertError("CreateService", "{\"cluster\": \"nope\", \"serviceName\": \"x\", \"taskDefinition\": "
                + "\"web\"}", "ClusterNotFoundException", "Cluster not found.");
        assertThatThrownBy(() -> call("CreateService", "{\"cluster\": \"shop\", \"serviceName\": \"x\", "
                + "\"taskDefinition\": \"web\", \"loadBalancers\": [{\"containerName\": \"app\"}]}"))
                .isInstanceOfSatisfying(EcsApiException.class, e -> {
                    assertThat(e.type()).isEqualTo("UnsupportedFeatureException");
                    assertThat(e.getMessage()).endsWith("not yet loadBalancers.");
                });

        JsonNode ran = call("RunTask", "{\"cluster\": \"shop\", \"taskDefinition\": \"web:2\", \"count\": 2}");
        assertThat(run.ran).containsExactly("c web:2 x2");
        assertThat(ran.path("tasks")).hasSize(1);
        assertThat(ran.path("tasks").get(0).path("lastStatus").asText()).isEqualTo("PENDING");
        assertThat(ran.path("failures").get(0).path("reason").asText()).isEqualTo("RESOURCE:MEMORY");
        assertThat(ran.path("failures").get(0).path("arn").asText())
                .isEqualTo("arn:aws:ecs:local:000000000000:container-instance/shop/i-1");
        assertError("RunTask", "{\"cluster\": \"shop\", \"taskDefinition\": \"web\", \"count\": 11}",
                "InvalidParameterException", "count must be between 1 and 10.");

        // DeleteService: a service scaled above 0 needs force, as ECS asks.
        assertError("DeleteService", "{\"cluster\": \"shop\", \"service\": \"web\"}", "InvalidParameterException",
                "The service cannot be stopped while it is scaled above 0.");
        JsonNode deleted = call("DeleteService", "{\"cluster\": \"shop\", \"service\": \"web\", \"force\": true}")
                .path("service");
        assertThat(run.deleted).containsExactly("c/web");
        assertThat(deleted.path("status").asText()).isEqualTo("DRAINING");
        assertThat(deleted.path("desiredCount").asInt()).isZero();
    }

    @Test
    void createClusterMakesAnEmptyClusterThatRunsNothing() {
        JsonNode created = call("CreateCluster", "{\"clusterName\": \"empty\"}").path("cluster");
        assertThat(created.path("clusterArn").asText()).isEqualTo("arn:aws:ecs:local:000000000000:cluster/empty");
        assertThat(created.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.path("registeredContainerInstancesCount").asInt()).isZero();
        assertThat(call("ListClusters", "{}").path("clusterArns")).hasSize(2);
        assertThat(call("ListServices", "{\"cluster\": \"empty\"}").path("serviceArns")).isEmpty();
        // The same name again is the same cluster, as ECS answers.
        call("CreateCluster", "{\"clusterName\": \"empty\"}");
        call("CreateCluster", "{\"clusterName\": \"shop\"}");
        assertThat(call("ListClusters", "{}").path("clusterArns")).hasSize(2);
        assertThatThrownBy(() -> call("RunTask", "{\"cluster\": \"empty\", \"taskDefinition\": \"web\"}"))
                .isInstanceOfSatisfying(EcsApiException.class, e -> {
                    assertThat(e.type()).isEqualTo("UnsupportedFeatureException");
                    assertThat(e.getMessage()).contains("cluster empty was made by CreateCluster");
                });
    }

    @Test
    void stopTaskStopsThroughTheRunAsTheUserAsked() {
        JsonNode answer = call("StopTask", "{\"cluster\": \"shop\", \"task\": \"" + FakeRun.arn(1) + "\"}");
        assertThat(run.stopped).containsExactly(FakeRun.arn(1) + " Task stopped by user");
        assertThat(answer.path("task").path("desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(answer.path("task").path("stoppedReason").asText()).isEqualTo("Task stopped by user");
        assertThat(answer.path("task").path("stopCode").asText()).isEqualTo("UserInitiated");

        call("StopTask", "{\"cluster\": \"shop\", \"task\": \"" + FakeRun.id(2) + "\", \"reason\": \"rotating\"}");
        assertThat(run.stopped).last().isEqualTo(FakeRun.arn(2) + " rotating");
        // A stopped task is answered as it is, and not stopped again.
        JsonNode again = call("StopTask", "{\"cluster\": \"shop\", \"task\": \"" + FakeRun.id(3) + "\"}");
        assertThat(again.path("task").path("lastStatus").asText()).isEqualTo("STOPPED");
        assertThat(run.stopped).hasSize(2);
        assertError("StopTask", "{\"cluster\": \"shop\", \"task\": \"ffff\"}", "InvalidParameterException",
                "The referenced task was not found.");
    }

    @Test
    void updateServiceSetsTheDesiredCountThroughTheRunsScheduler() {
        JsonNode answer = call("UpdateService", "{\"cluster\": \"shop\", \"service\": "
                + "\"arn:aws:ecs:local:000000000000:service/shop/web\", \"desiredCount\": 3}");
        // Design ids: cluster "c", service "web".
        assertThat(run.scaled).containsExactly("c/web=3");
        assertThat(answer.path("service").path("desiredCount").asInt()).isEqualTo(3);
        // The service's own task definition named again is no change.
        call("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"desiredCount\": 1, "
                + "\"taskDefinition\": \"web:1\"}");
        assertThat(run.scaled).last().isEqualTo("c/web=1");

        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"gone\", \"desiredCount\": 1}",
                "ServiceNotFoundException", "Service not found.");
        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"desiredCount\": -1}",
                "InvalidParameterException", "desiredCount must be a number of 0 or more.");
        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"taskDefinition\": \"web:2\"}",
                "ClientException", "TaskDefinition not found.");
        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"forceNewDeployment\": true}",
                "UnsupportedFeatureException", "The Stowage local ECS endpoint serves UpdateService with desiredCount, "
                        + "taskDefinition (a revision of the service's family) and deploymentConfiguration's "
                        + "minimumHealthyPercent and maximumPercent, not yet forceNewDeployment.");
        assertThat(run.scaled).hasSize(2);
        assertThat(run.deployed).isEmpty();
    }

    @Test
    void updateServiceToANewRevisionStartsARollingDeploymentWithinItsConfiguration() {
        call("RegisterTaskDefinition", REGISTER_WEB_V2);
        JsonNode answer = call("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", "
                + "\"taskDefinition\": \"web\", \"deploymentConfiguration\": {\"minimumHealthyPercent\": 50, "
                + "\"maximumPercent\": 100}}").path("service");
        // The family alone is its latest revision: web:2, rolled out by the run's scheduler within 50..100 %.
        assertThat(run.deployed).containsExactly("c/web web:2 min=50 max=100");
        assertThat(answer.path("taskDefinition").asText())
                .isEqualTo("arn:aws:ecs:local:000000000000:task-definition/web:2");
        assertThat(answer.path("deployments")).hasSize(2);
        assertThat(answer.path("deployments").get(0).path("status").asText()).isEqualTo("PRIMARY");
        assertThat(answer.path("deployments").get(0).path("rolloutState").asText()).isEqualTo("IN_PROGRESS");
        assertThat(answer.path("deployments").get(0).path("taskDefinition").asText()).endsWith("web:2");
        assertThat(answer.path("deployments").get(1).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(answer.path("deployments").get(1).path("taskDefinition").asText()).endsWith("web:1");
        assertThat(answer.path("deploymentConfiguration").path("minimumHealthyPercent").asInt()).isEqualTo(50);
        assertThat(answer.path("deploymentConfiguration").path("maximumPercent").asInt()).isEqualTo(100);
        List<String> problems = new ArrayList<>();
        walk(answer, "Service", "UpdateService.service", problems);
        assertThat(problems).isEmpty();
        // DescribeServices keeps the configuration set.
        assertThat(call("DescribeServices", "{\"cluster\": \"shop\", \"services\": [\"web\"]}").path("services")
                .get(0).path("deploymentConfiguration").path("maximumPercent").asInt()).isEqualTo(100);

        // The percents alone: no new revision.
        call("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", "
                + "\"deploymentConfiguration\": {\"maximumPercent\": 150}}");
        assertThat(run.deployed).last().isEqualTo("c/web null min=null max=150");

        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", "
                + "\"deploymentConfiguration\": {\"minimumHealthyPercent\": 120}}", "InvalidParameterException",
                "minimumHealthyPercent must be between 0 and 100.");
        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"deploymentConfiguration\": "
                + "{\"deploymentCircuitBreaker\": {\"enable\": true, \"rollback\": true}}}",
                "UnsupportedFeatureException", "The Stowage local ECS endpoint serves UpdateService with desiredCount, "
                        + "taskDefinition (a revision of the service's family) and deploymentConfiguration's "
                        + "minimumHealthyPercent and maximumPercent, not yet "
                        + "deploymentConfiguration.deploymentCircuitBreaker.");
        call("RegisterTaskDefinition", REGISTER_WEB_V2.replace("\"web\"", "\"worker\""));
        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"taskDefinition\": "
                + "\"worker:1\"}", "UnsupportedFeatureException", "The Stowage local ECS endpoint serves UpdateService "
                + "with desiredCount, taskDefinition (a revision of the service's family) and deploymentConfiguration's "
                + "minimumHealthyPercent and maximumPercent, not yet taskDefinition of another family than web.");
        call("DeregisterTaskDefinition", "{\"taskDefinition\": \"web:2\"}");
        assertError("UpdateService", "{\"cluster\": \"shop\", \"service\": \"web\", \"taskDefinition\": "
                + "\"web:2\"}", "ClientException", "TaskDefinition is inactive");
        assertThat(run.deployed).hasSize(2);
    }

    @Test
    void pagesAsEcsDoesWithNextTokenAndMaxResults() {
        for (int i = 10; i < 25; i++) {
            run.add(FakeRun.task(i, TaskStatus.RUNNING, null, null));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ObjectNode in = JSON.createObjectNode().put("cluster", "shop").put("maxResults", 5);
            if (token != null) {
                in.put("nextToken", token);
            }
            JsonNode page = api.call("ListTasks", in);
            page.path("taskArns").forEach(a -> seen.add(a.asText()));
            assertThat(page.path("taskArns").size()).isLessThanOrEqualTo(5);
            token = page.path("nextToken").asText(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(17).doesNotHaveDuplicates();
        assertThat(call("ListTasks", "{\"cluster\": \"shop\"}").has("nextToken")).isFalse();

        assertError("ListTasks", "{\"cluster\": \"shop\", \"maxResults\": 0}", "InvalidParameterException",
                "maxResults must be between 1 and 100.");
        assertError("ListTasks", "{\"cluster\": \"shop\", \"nextToken\": \"garbage!\"}", "InvalidParameterException",
                "Invalid nextToken.");
    }

    @Test
    void answersEcsErrors() {
        assertError("ListTasks", "{\"cluster\": \"nope\"}", "ClusterNotFoundException", "Cluster not found.");
        assertError("DescribeTasks", "{\"cluster\": \"nope\", \"tasks\": [\"x\"]}", "ClusterNotFoundException",
                "Cluster not found.");
        // No cluster named: ECS means "default".
        assertError("ListServices", "{}", "ClusterNotFoundException", "Cluster not found.");
        assertError("ListTasks", "{\"cluster\": \"shop\", \"serviceName\": \"gone\"}", "ServiceNotFoundException",
                "Service not found.");
        assertError("DescribeTasks", "{\"cluster\": \"shop\", \"tasks\": []}", "InvalidParameterException",
                "Tasks cannot be empty.");
        assertThatThrownBy(() -> call("CreateCapacityProvider", "{}")).isInstanceOfSatisfying(EcsApiException.class,
                e -> {
                    assertThat(e.type()).isEqualTo("UnsupportedFeatureException");
                    assertThat(e.getMessage()).startsWith(
                            "The Stowage local ECS endpoint does not serve CreateCapacityProvider; it serves ");
                });
    }

    @Test
    void speaksAwsJson11OverHttpOnTheLoopback() throws Exception {
        try (EcsApiServer server = EcsApiServer.start(() -> List.of(run))) {
            assertThat(server.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(post(server, "ListClusters", "{}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
            assertThat(ok.body()).contains("cluster/shop");

            HttpResponse<String> missing = http.send(post(server, "ListTasks", "{\"cluster\":\"nope\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(missing.body()).path("__type").asText()).isEqualTo("ClusterNotFoundException");

            HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(html.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(html.body()).path("__type").asText()).isEqualTo("UnknownOperationException");

            HttpResponse<String> notJson = http.send(post(server, "ListTasks", "{nope"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(notJson.body()).path("__type").asText()).isEqualTo("SerializationException");
        }
    }

    private static HttpRequest post(EcsApiServer server, String operation, String body) {
        return HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/ecs/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void assertError(String operation, String input, String type, String message) {
        assertThatThrownBy(() -> call(operation, input)).isInstanceOfSatisfying(EcsApiException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private JsonNode call(String operation, String input) {
        try {
            return api.call(operation, JSON.readTree(input));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ------------------------------------------------------------------ botocore's shapes

    private static JsonNode model() {
        try (InputStream in = new GZIPInputStream(EcsApiTest.class.getResourceAsStream(
                "/botocore/ecs-2014-11-13-service-2.json.gz"))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks {@code value} against shape {@code name}: every member known, each of its type, enums in range. */
    static void walk(JsonNode value, String name, String path, List<String> problems) {
        JsonNode shape = MODEL.path("shapes").path(name);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + ": not an object for " + name);
                    return;
                }
                value.fields().forEachRemaining(f -> {
                    JsonNode member = shape.path("members").path(f.getKey());
                    if (member.isMissingNode()) {
                        problems.add(path + "." + f.getKey() + ": not a member of " + name);
                    } else {
                        walk(f.getValue(), member.path("shape").asText(), path + "." + f.getKey(), problems);
                    }
                });
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + ": not a list for " + name);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), shape.path("member").path("shape").asText(), path + "[" + i + "]", problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(path + ": not a map for " + name);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": not a string for " + name);
                } else if (shape.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    shape.path("enum").forEach(v -> allowed.add(v.asText()));
                    if (!allowed.contains(value.asText())) {
                        problems.add(path + ": " + value.asText() + " is not one of " + allowed);
                    }
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": not an integer for " + name);
                }
            }
            case "double", "float", "timestamp" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": not a number for " + name + " (" + type + ")");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": not a boolean for " + name);
                }
            }
            default -> problems.add(path + ": shape " + name + " of type '" + type + "' is not known to the walk");
        }
    }

    // ------------------------------------------------------------------ a run's state

    /** A held run of a one-cluster design: web (2 running, 1 stopped by the user) on instance i-1. */
    static final class FakeRun implements HeldRun {
        private final Design design;
        private RuntimeSnapshot snapshot;
        final List<String> stopped = new ArrayList<>();
        final List<String> scaled = new ArrayList<>();
        final List<String> deployed = new ArrayList<>();
        final List<String> created = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> ran = new ArrayList<>();

        FakeRun() {
            try {
                design = DesignFormat.parse("shop.stowage.json", """
                        {"formatVersion": 1, "name": "shop",
                         "clusters": [{"id": "c", "name": "shop", "instances": [{"id": "i-1",
                           "instanceType": "t3.medium", "availabilityZone": "us-east-1a"}],
                           "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web",
                             "desiredCount": 2}}]}],
                         "taskDefinitions": [{"family": "web", "containerDefinitions": [
                           {"name": "app", "image": "nginx", "memory": 256,
                            "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]}]}
                        """).design();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            snapshot = RuntimeSnapshot.EMPTY
                    .withInstance(new InstanceState("shop", "i-1",
                            "arn:aws:ecs:local:000000000000:container-instance/shop/i-1", null, "ACTIVE", true,
                            "1.86.0", 2, 0, 2048, 3943, 2048, 1536))
                    .withService(new ServiceState("shop", "web", "ACTIVE", 2, 2, 0, "web:1",
                            List.of(new ServiceEvent("e1", T0, "(service web) has reached a steady state."))));
            add(task(1, TaskStatus.RUNNING, null, null));
            add(task(2, TaskStatus.RUNNING, null, null));
            add(task(3, TaskStatus.STOPPED, "Task stopped by user", StopCode.USER_INITIATED));
        }

        static String id(int n) {
            return String.format("%032x", n);
        }

        static String arn(int n) {
            return "arn:aws:ecs:local:000000000000:task/shop/" + id(n);
        }

        static TaskState task(int n, TaskStatus status, String reason, String code) {
            boolean stopped = status == TaskStatus.STOPPED;
            ContainerState app = new ContainerState("app", "d0cker" + n, "nginx",
                    stopped ? ContainerStatus.STOPPED : ContainerStatus.RUNNING, stopped ? 0 : null, null,
                    HealthStatus.HEALTHY, true, List.of(new NetworkBinding("127.0.1.1", 80, 8079 + n, "tcp")),
                    T0, stopped ? T0.plusSeconds(60) : null);
            return new TaskState(arn(n), "shop", "service:web", "web:1",
                    "arn:aws:ecs:local:000000000000:container-instance/shop/i-1", "i-1", "us-east-1a", "EC2", status,
                    stopped ? TaskStatus.STOPPED : TaskStatus.RUNNING, HealthStatus.HEALTHY, reason, code, T0, T0,
                    stopped ? T0.plusSeconds(60) : null, List.of(app));
        }

        void add(TaskState t) {
            snapshot = snapshot.withTask(t);
        }

        @Override
        public Design design() {
            return design;
        }

        @Override
        public RuntimeSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public Instant since() {
            return T0;
        }

        @Override
        public void scale(String clusterId, String serviceId, int desiredCount) {
            scaled.add(clusterId + "/" + serviceId + "=" + desiredCount);
        }

        @Override
        public void stopTask(String taskArn, String reason) {
            stopped.add(taskArn + " " + reason);
        }

        @Override
        public void deploy(String clusterId, String serviceId, io.stowage.model.ecs.TaskDefinition taskDefinition,
                           Integer revision, Integer minimumHealthyPercent, Integer maximumPercent) {
            deployed.add(clusterId + "/" + serviceId + " " + (taskDefinition == null ? "null"
                    : taskDefinition.family() + ":" + revision) + " min=" + minimumHealthyPercent
                    + " max=" + maximumPercent);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> createService(String clusterId,
                io.stowage.model.design.Service service, io.stowage.model.ecs.TaskDefinition taskDefinition,
                int revision) {
            created.add(clusterId + "/" + service.id() + " " + taskDefinition.family() + ":" + revision + " desired="
                    + service.desiredCount());
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public void deleteService(String clusterId, String serviceId) {
            deleted.add(clusterId + "/" + serviceId);
        }

        /** Starts one task (PENDING) and reports the second as not fitting on i-1. */
        @Override
        public java.util.concurrent.CompletableFuture<Started> runTask(String clusterId,
                io.stowage.model.design.StandaloneTask task, io.stowage.model.ecs.TaskDefinition taskDefinition,
                int revision, int count) {
            ran.add(clusterId + " " + taskDefinition.family() + ":" + revision + " x" + count);
            TaskState pending = new TaskState(arn(40), "shop", "family:web", "web:" + revision,
                    "arn:aws:ecs:local:000000000000:container-instance/shop/i-1", "i-1", "us-east-1a", "EC2",
                    TaskStatus.PENDING, TaskStatus.RUNNING, null, null, null, T0, null, null, List.of());
            return java.util.concurrent.CompletableFuture.completedFuture(new Started(List.of(pending), List.of(
                    new io.stowage.model.placement.PlacementFailure(null, "RESOURCE:MEMORY", "i-1",
                            "has insufficient memory available."))));
        }
    }
}
