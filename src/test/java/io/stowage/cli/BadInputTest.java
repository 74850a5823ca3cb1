package io.stowage.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gives one clear line, exit 2, no stack trace, and leaves the file as it was. */
class BadInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("invalid JSON", (Maker) f -> write(f, "{\n  \"family\": \"web\"\n  \"containerDefinitions\": []\n}\n"),
                        "line 3, column 3"),
                Arguments.of("wrong type", (Maker) f -> write(f, "{\"family\": \"web\", \"containerDefinitions\": "
                        + "[{\"name\": \"web\", \"image\": \"nginx\", \"memory\": \"512\"}]}"),
                        "containerDefinitions[0].memory: expected an integer, found a string (\"512\")"),
                Arguments.of("empty file", (Maker) f -> write(f, ""), "empty"),
                Arguments.of("a JSON array", (Maker) f -> write(f, "[{\"family\": \"web\"}]"), "expected a JSON object"),
                Arguments.of("binary file", (Maker) f -> Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2}),
                        "binary"),
                Arguments.of("50 MB file", (Maker) BadInputTest::fiftyMegabytes, "MB; Stowage reads JSON files up to 16 MB"),
                Arguments.of("an exponent beyond an int", (Maker) f -> write(f, "{\"family\": \"web\", \"cpu\": 1e2147483648}"),
                        "line 1, column 26: invalid JSON: the number 1e2147483648 is out of range"),
                Arguments.of("an exponent beyond a double", (Maker) f -> write(f, "{\"family\": \"web\",\n \"memory\": -1e999999999}"),
                        "line 2, column 12: invalid JSON: the number -1e999999999 is out of range"),
                Arguments.of("a 1,500-digit number", (Maker) f -> write(f, "{\"family\": \"web\", \"cpu\": " + "7".repeat(1500) + "}"),
                        "line 1, column 26: a number of more than 1000 digits"),
                Arguments.of("deeply nested JSON", (Maker) f -> write(f, "{\"family\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                        "nested deeper"));
    }

    @ParameterizedTest(name = "validate: {0}")
    @MethodSource("badFiles")
    void validateReportsOneClearLine(String kind, Maker maker, String expected) throws IOException {
        Path file = dir.resolve("task.json");
        maker.make(file);
        byte[] before = Files.readAllBytes(file);

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith(file + ": error: ").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @ParameterizedTest(name = "fmt: {0}")
    @MethodSource("badFiles")
    void fmtLeavesTheFileUntouched(String kind, Maker maker, String expected) throws IOException {
        Path file = dir.resolve("task.json");
        maker.make(file);
        byte[] before = Files.readAllBytes(file);

        CliRun run = CliRun.of("fmt", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(expected).doesNotContain("Exception");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }

    interface Maker {
        void make(Path file) throws IOException;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void fiftyMegabytes(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"family\": \"web\", \"containerDefinitions\": [], \"x\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 48; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }
        long extra = 50_000_000L - Files.size(file);
        if (extra > 0) {
            Files.writeString(file, " ".repeat((int) extra), java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
