package io.stowage.engine.local;

import io.stowage.engine.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerConnectionTest {

    @Test
    void pingNamesTheAddressWhereNoEngineAnswers(@TempDir Path dir) {
        String host = "unix://" + dir.resolve("no-engine.sock");
        try (var connection = DockerConnection.to(host)) {
            assertThatThrownBy(connection::ping)
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("no Docker engine answers at " + host + ": ");
        }
    }
}
