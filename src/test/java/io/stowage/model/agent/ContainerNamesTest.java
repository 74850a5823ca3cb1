package io.stowage.model.agent;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerNamesTest {

    @Test
    void containerNamesKeepTheFamilyAndStripTheContainerName() {
        assertThat(ContainerNames.container("my_family", 12, "web_app.1", "0123456789abcdef0101"))
                .isEqualTo("ecs-my_family-12-webapp1-0123456789abcdef0101");
        assertThat(ContainerNames.container("f", 1, ContainerNames.PAUSE, "00000000000000000000"))
                .isEqualTo("ecs-f-1-internalecspause-00000000000000000000");
    }

    @RepeatedTest(20)
    void randomHexIsAlwaysTwentyLowercaseDigits() {
        assertThat(ContainerNames.randomHex(new Random())).matches("[0-9a-f]{20}");
    }

    @Test
    void randomHexIsAVarintOfTheNumber() {
        Random fixed = new Random() {
            @Override
            public long nextLong() {
                return 1; // zig-zag 2: one byte, the rest zero
            }
        };
        assertThat(ContainerNames.randomHex(fixed)).isEqualTo("02000000000000000000");
    }
}
