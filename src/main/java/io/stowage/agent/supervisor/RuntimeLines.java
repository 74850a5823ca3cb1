package io.stowage.agent.supervisor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What a run reports ({@link RuntimeListener}), as the JSON lines the agent streams to a window that follows one of
 * its runs: {@code {"task": ...}}, {@code {"service": ...}}, {@code {"instance": ...}}, {@code {"event": ...}},
 * {@code {"metrics": {"taskArn", "container", "sample"}}}, {@code {"engineLost": reason}}, {@code {"engineBack":
 * true}}; each carries the whole new state of one thing, as the listener's calls do. Task states carry no credential
 * and no secret value (as the run's record).
 */
public final class RuntimeLines {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RuntimeLines() {
    }

    /** A listener that turns each call into its line and hands it to {@code out}. */
    static RuntimeListener encoder(Consumer<ObjectNode> out) {
        return new RuntimeListener() {
            @Override
            public void taskChanged(TaskState task) {
                out.accept(wrap("task", task));
            }

            @Override
            public void instanceChanged(InstanceState instance) {
                out.accept(wrap("instance", instance));
            }

            @Override
            public void serviceChanged(ServiceState service) {
                out.accept(wrap("service", service));
            }

            @Override
            public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
                ObjectNode node = JSON.createObjectNode();
                node.putObject("metrics").put("taskArn", taskArn).put("container", containerName)
                        .set("sample", JSON.valueToTree(sample));
                out.accept(node);
            }

            @Override
            public void event(ClusterEvent event) {
                out.accept(wrap("event", event));
            }

            @Override
            public void engineLost(String reason) {
                out.accept(JSON.createObjectNode().put("engineLost", reason));
            }

            @Override
            public void engineBack() {
                out.accept(JSON.createObjectNode().put("engineBack", true));
            }
        };
    }

    /** What is known now, as the lines a follower that joins late needs: instances, services, tasks, events. */
    static void replay(RuntimeSnapshot snapshot, RuntimeListener to) {
        snapshot.instances().values().forEach(to::instanceChanged);
        snapshot.services().values().forEach(to::serviceChanged);
        snapshot.tasks().values().forEach(to::taskChanged);
        snapshot.events().forEach(to::event);
        if (snapshot.engineLost() != null) {
            to.engineLost(snapshot.engineLost());
        }
    }

    /** Calls {@code to} for one line; false when the line is none of these (a progress line, the end). */
    static boolean decode(JsonNode line, RuntimeListener to) {
        try {
            if (line.has("task")) {
                to.taskChanged(JSON.treeToValue(line.get("task"), TaskState.class));
            } else if (line.has("instance")) {
                to.instanceChanged(JSON.treeToValue(line.get("instance"), InstanceState.class));
            } else if (line.has("service")) {
                to.serviceChanged(JSON.treeToValue(line.get("service"), ServiceState.class));
            } else if (line.has("metrics")) {
                JsonNode m = line.get("metrics");
                to.containerMetrics(m.path("taskArn").asText(), m.path("container").asText(),
                        JSON.treeToValue(m.get("sample"), ContainerMetrics.class));
            } else if (line.has("event")) {
                to.event(JSON.treeToValue(line.get("event"), ClusterEvent.class));
            } else if (line.has("engineLost")) {
                to.engineLost(line.get("engineLost").asText());
            } else if (line.has("engineBack")) {
                to.engineBack();
            } else {
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new AgentClient.AgentException("the Stowage agent sent a state the desktop cannot read: "
                    + e.getMessage());
        }
    }

    private static ObjectNode wrap(String name, Object value) {
        ObjectNode node = JSON.createObjectNode();
        node.set(name, JSON.valueToTree(value));
        return node;
    }
}
