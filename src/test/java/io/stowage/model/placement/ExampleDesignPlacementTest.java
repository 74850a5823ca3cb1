package io.stowage.model.placement;

import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled example design places, the same way every time. */
class ExampleDesignPlacementTest {
    static Design example() throws Exception {
        try (InputStream in = ExampleDesignPlacementTest.class
                .getResourceAsStream("/io/stowage/examples/example.stowage.json")) {
            return DesignFormat.parse("example.stowage.json",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)).design();
        }
    }

    @Test
    void placesTheExample() throws Exception {
        Design design = example();
        PlacementResult result = PlacementEngine.place(design, 0);
        assertThat(result.placements()).isNotEmpty();
        assertThat(PlacementEngine.place(design, 0)).isEqualTo(result);
        // api binpacks memory: its three tasks share the instance with the least memory left
        assertThat(result.placementsOf("demo", TaskRef.Kind.SERVICE, "api"))
                .extracting(Placement::instanceId).containsOnly("i-0a1b2c3d");
        // web spreads over both zones (its constraint allows both)
        assertThat(result.placementsOf("demo", TaskRef.Kind.SERVICE, "web"))
                .extracting(Placement::availabilityZone).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
    }
}
