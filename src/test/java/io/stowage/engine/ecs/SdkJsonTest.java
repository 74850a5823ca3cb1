package io.stowage.engine.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdkJsonTest {

    private static final Class<? extends RegisterTaskDefinitionRequest.Builder> INPUT =
            RegisterTaskDefinitionRequest.serializableBuilderClass();

    @Test
    void everyApiMemberATaskDefinitionReachesBindsByItsWireName() {
        var mismatches = new ArrayList<String>();
        var seen = new HashSet<Class<?>>();
        collectMismatches(RegisterTaskDefinitionRequest.builder(), seen, mismatches);
        collectMismatches(TaskDefinition.builder(), seen, mismatches);

        assertThat(seen).hasSizeGreaterThan(30);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void readsNestedListsMapsAndEnumsAsStrings() {
        var request = SdkJson.read("""
                {"family": "f", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "containerDefinitions": [{"name": "a", "image": "i",
                   "portMappings": [{"containerPort": 80, "protocol": "udp"}],
                   "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 2048}],
                   "dockerLabels": {"k": "v"}}],
                 "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}}
                """, INPUT, "input");

        assertThat(request.networkModeAsString()).isEqualTo("awsvpc");
        assertThat(request.containerDefinitions().get(0).portMappings().get(0).protocolAsString()).isEqualTo("udp");
        assertThat(request.containerDefinitions().get(0).ulimits().get(0).hardLimit()).isEqualTo(2048);
        assertThat(request.containerDefinitions().get(0).dockerLabels()).containsEntry("k", "v");
        assertThat(request.runtimePlatform().cpuArchitectureAsString()).isEqualTo("ARM64");
    }

    @Test
    void keepsEnumValuesNewerThanThisSdk() {
        var request = SdkJson.read("{\"family\": \"f\", \"networkMode\": \"warp-drive\"}", INPUT, "input");

        assertThat(request.networkModeAsString()).isEqualTo("warp-drive");
    }

    @Test
    void refusesUnknownMembersNamingWhere() {
        assertThatThrownBy(() -> SdkJson.read(
                "{\"family\": \"f\", \"containerDefinitions\": [{\"name\": \"a\", \"imag\": \"x\"}]}", INPUT,
                "RegisterTaskDefinition input"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RegisterTaskDefinition input: unknown member \"imag\" at containerDefinitions[0].imag");
    }

    @Test
    void refusesTextThatIsNotJsonNamingTheLine() {
        assertThatThrownBy(() -> SdkJson.read("{\n\"family\": }", INPUT, "input"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("input: not JSON at line 2, column ");
    }

    @Test
    void writesOnlyMembersThatAreSetWithTimestampsInIso8601() throws Exception {
        var definition = TaskDefinition.builder()
                .family("f").revision(3).registeredAt(Instant.parse("2024-05-01T10:15:30Z"))
                .containerDefinitions(c -> c.name("a").portMappings(p -> p.containerPort(80)))
                .build();

        var written = new ObjectMapper().readTree(SdkJson.write(definition));

        assertThat(written).isEqualTo(new ObjectMapper().readTree("""
                {"family": "f", "revision": 3, "registeredAt": "2024-05-01T10:15:30Z",
                 "containerDefinitions": [{"name": "a", "portMappings": [{"containerPort": 80}]}]}
                """));
    }

    /** Jackson names a bean property after its setter; that must be the member's name on the wire. */
    private static void collectMismatches(Object builder, Set<Class<?>> seen, List<String> mismatches) {
        if (!seen.add(builder.getClass())) {
            return;
        }
        var mapper = new ObjectMapper();
        var description = mapper.getDeserializationConfig()
                .introspect(mapper.getTypeFactory().constructType(builder.getClass()));
        var properties = new HashSet<String>();
        description.findProperties().forEach(p -> {
            if (p.hasSetter()) {
                properties.add(p.getName());
            }
        });
        for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
            if (!properties.contains(field.locationName())) {
                mismatches.add(builder.getClass().getName() + "." + field.locationName());
            }
            Object nested = nestedBuilder(field);
            if (nested != null) {
                collectMismatches(nested, seen, mismatches);
            }
        }
    }

    private static Object nestedBuilder(SdkField<?> field) {
        SdkField<?> current = field;
        while (true) {
            if (current.marshallingType() == MarshallingType.SDK_POJO) {
                return current.constructor().get();
            } else if (current.marshallingType() == MarshallingType.LIST) {
                current = current.getTrait(ListTrait.class).memberFieldInfo();
            } else if (current.marshallingType() == MarshallingType.MAP) {
                current = current.getTrait(MapTrait.class).valueFieldInfo();
            } else {
                return null;
            }
        }
    }
}
