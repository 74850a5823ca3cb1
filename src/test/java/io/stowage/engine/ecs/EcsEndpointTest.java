package io.stowage.engine.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("ecs")
class EcsEndpointTest {

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    /** The state of the endpoint is kept for the whole class, so each test registers its own family. */
    private static String webAndWorker(String family) {
        return """
            {
              "family": "%s",
              "networkMode": "bridge",
              "requiresCompatibilities": ["EC2"],
              "cpu": "512",
              "memory": "1024",
              "containerDefinitions": [
                {
                  "name": "web",
                  "image": "nginx:1.27",
                  "essential": true,
                  "cpu": 256,
                  "memoryReservation": 256,
                  "portMappings": [
                    {"containerPort": 80, "hostPort": 8080, "protocol": "tcp", "name": "http"}
                  ],
                  "environment": [
                    {"name": "UPSTREAM", "value": "http://worker:9000"}
                  ],
                  "mountPoints": [
                    {"sourceVolume": "static", "containerPath": "/usr/share/nginx/html", "readOnly": true}
                  ],
                  "healthCheck": {
                    "command": ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"],
                    "interval": 10, "timeout": 3, "retries": 3, "startPeriod": 5
                  },
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": "/ecs/shop", "awslogs-region": "us-east-1",
                                "awslogs-stream-prefix": "web"}
                  },
                  "dependsOn": [{"containerName": "worker", "condition": "HEALTHY"}],
                  "links": ["worker"]
                },
                {
                  "name": "worker",
                  "image": "example/worker:2",
                  "essential": false,
                  "memory": 512,
                  "command": ["serve", "--port", "9000"],
                  "environment": [
                    {"name": "QUEUE", "value": "orders"},
                    {"name": "WORKERS", "value": "4"}
                  ],
                  "healthCheck": {"command": ["CMD", "true"], "interval": 5, "retries": 2},
                  "logConfiguration": {"logDriver": "json-file", "options": {"max-size": "10m"}},
                  "dockerLabels": {"team": "checkout"}
                }
              ],
              "volumes": [
                {"name": "static", "host": {"sourcePath": "/srv/shop/static"}},
                {"name": "scratch", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}
              ]
            }
            """.formatted(family);
    }

    private final ObjectMapper json = new ObjectMapper();
    private EcsClient ecs;
    private TaskDefinitionRegistrar registrar;

    @BeforeEach
    void connect() {
        ecs = EcsClients.create(ECS.settings());
        registrar = new TaskDefinitionRegistrar(ecs);
    }

    @AfterEach
    void close() {
        ecs.close();
    }

    @Test
    void registersATaskDefinitionAndDescribesItBack() throws Exception {
        String arn = registrar.register(webAndWorker("shop"));

        assertThat(arn).startsWith("arn:aws:ecs:us-east-1:").endsWith(":task-definition/shop:1");

        JsonNode described = json.readTree(registrar.describe("shop"));
        assertThat(described.path("family").asText()).isEqualTo("shop");
        assertThat(described.path("revision").asInt()).isEqualTo(1);
        assertThat(described.path("taskDefinitionArn").asText()).isEqualTo(arn);
        JsonNode containers = described.path("containerDefinitions");
        assertThat(names(containers)).containsExactly("web", "worker");

        JsonNode web = containers.get(0);
        assertThat(web.path("portMappings").get(0).path("containerPort").asInt()).isEqualTo(80);
        assertThat(web.path("portMappings").get(0).path("hostPort").asInt()).isEqualTo(8080);
        assertThat(web.path("portMappings").get(0).path("protocol").asText()).isEqualTo("tcp");
        assertThat(web.path("healthCheck")).isEqualTo(json.readTree("""
                {"command": ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"],
                 "interval": 10, "timeout": 3, "retries": 3, "startPeriod": 5}
                """));
        assertThat(web.path("logConfiguration").path("options").path("awslogs-group").asText()).isEqualTo("/ecs/shop");
        assertThat(containers.get(1).path("environment")).hasSize(2);
        assertThat(names(described.path("volumes"))).containsExactly("static", "scratch");
    }

    @Test
    void aSecondRegistrationOfAFamilyIsItsNextRevision() throws Exception {
        registrar.register(webAndWorker("twice"));
        String second = registrar.register(webAndWorker("twice"));

        assertThat(second).endsWith(":task-definition/twice:2");
        assertThat(json.readTree(registrar.describe("twice:1")).path("revision").asInt()).isEqualTo(1);
    }

    private static List<String> names(JsonNode array) {
        var names = new ArrayList<String>();
        array.forEach(element -> names.add(element.path("name").asText()));
        return names;
    }

    @Test
    void describingAnUnknownFamilyReportsWhatEcsSaid() {
        assertThatThrownBy(() -> registrar.describe("no-such-family"))
                .isInstanceOf(EcsRequestException.class)
                .hasMessageStartingWith("DescribeTaskDefinition failed: ");
    }
}
