package io.stowage.cli;

import io.stowage.format.TextStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages that say what is so: out-of-range numbers as such (never "needs memory"), a byte order mark kept by fmt. */
class TrueWordsTest {
    @TempDir
    Path dir;

    @Test
    void aMemoryBeyondWhatEcsReadsIsReportedOutOfRangeNotMissing() throws Exception {
        Path td = dir.resolve("web.json");
        Files.writeString(td, "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx\","
                + " \"memory\": 1e30}]}");
        CliRun validate = CliRun.of("validate", td.toString());
        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err() + validate.out())
                .contains("web.json: error: line 1, column 88: containerDefinitions[0].memory: expected a whole number "
                        + "from -2147483648 to 2147483647, found a number (1e30)")
                .doesNotContain("needs memory");

        // A design holding it (written by an older build) is refused by every export, never exported without it.
        Path design = dir.resolve("d.stowage.json");
        Files.writeString(design, "{\"formatVersion\": 1, \"name\": \"d\", \"taskDefinitions\": [{\"family\": \"web\","
                + " \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx\", \"memory\": 99999999999}]}]}");
        CliRun export = CliRun.of("export", "--to", "compose", "-o", dir.resolve("c.yml").toString(), design.toString());
        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.err()).contains("taskDefinitions[0].containerDefinitions[0].memory: expected a whole number");
        assertThat(dir.resolve("c.yml")).doesNotExist();
    }

    @Test
    void fmtKeepsAUtf8ByteOrderMark() throws Exception {
        Path td = dir.resolve("bom.json");
        byte[] body = "{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx\",\"memory\":64}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(td, withBom);

        CliRun fmt = CliRun.of("fmt", td.toString());
        assertThat(fmt.exitCode()).as(fmt.err()).isZero();
        byte[] formatted = Files.readAllBytes(td);
        assertThat(TextStyle.hasByteOrderMark(formatted)).isTrue();
        assertThat(new String(formatted, StandardCharsets.UTF_8)).startsWith("\uFEFF{\n  \"family\": \"web\",");
        // Formatted once is formatted: the mark is no difference.
        assertThat(CliRun.of("fmt", "--check", td.toString()).exitCode()).isZero();
        assertThat(CliRun.of("validate", td.toString()).exitCode()).isZero();
    }
}
