package io.stowage.format;

import io.stowage.engine.local.SecretsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secrets file beside a design: messages that never quote a secret, a warning when others may read it. */
class SecretsFileFormatTest {

    @Test
    void aMalformedFileIsReportedByLineAndColumnWithoutItsText(@TempDir Path dir) throws Exception {
        Map<String, String> broken = Map.of(
                "unquoted", "{\n  \"/shop/db\": hunter2\n}\n",
                "unclosed", "{\"/shop/db\": \"hunter2",
                "line break", "{\"/shop/db\": \"hun\nter2\"}",
                "placeholder-like", "{\"/shop/db\": $hunter2}",
                "bad escape", "{\"/shop/db\": \"hunter2\\q\"}",
                "trailing", "{\"/shop/db\": \"x\"} hunter2");
        for (Map.Entry<String, String> file : broken.entrySet()) {
            Path secrets = dir.resolve(file.getKey().replace(' ', '-') + ".secrets.json");
            Files.writeString(secrets, file.getValue());
            for (Throwable thrown : new Throwable[]{
                    catchThrowable(() -> SecretsFileFormat.read(secrets)),
                    catchThrowable(() -> SecretsFile.read(secrets))}) {
                assertThat(thrown).as(file.getKey()).isNotNull();
                assertThat(thrown.getMessage()).as(file.getKey()).startsWith(secrets.toString())
                        .doesNotContain("hunter2").doesNotContain("hunter").doesNotContain("ter2")
                        .doesNotContain("'h'").doesNotContain("Exception");
            }
        }
        Path unquoted = dir.resolve("unquoted.secrets.json");
        assertThatThrownBy(() -> SecretsFileFormat.read(unquoted))
                .hasMessage(unquoted + ":2:15: something that is not JSON here, such as a value without double quotes; "
                        + "expected a JSON object from valueFrom to the secret's value, each value a string in double "
                        + "quotes (what the file holds there is not repeated, as it may be a secret)");
    }

    @Test
    void aFileOthersMayReadIsWarnedAboutAndAPrivateOneIsNot(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("shop.secrets.json");
        Files.writeString(secrets, "{\"/shop/db\": \"pw\"}");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(SecretsFile.read(secrets).warnings()).containsExactly("warning: the secrets file " + secrets
                + " is readable by others (mode 0644); it holds secret values and should be private to you: chmod 600 "
                + secrets);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretsFileFormat.read(secrets).warnings()).singleElement().asString()
                .contains("readable by its group (mode 0640)");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretsFileFormat.read(secrets).warnings()).isEmpty();
        assertThat(SecretsFile.read(secrets).resolve("/shop/db")).contains("pw");
        assertThat(SecretsFile.read(secrets).orElse(v -> java.util.Optional.empty()).warnings()).isEmpty();
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw----r--"));
        assertThat(SecretsFile.read(secrets).orElse(v -> java.util.Optional.empty()).warnings()).hasSize(1);
    }

    @Test
    void mergeKeepsWhatTheFileHoldsAndWritesItPrivate(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("shop.secrets.json");
        SecretsFileFormat.merge(secrets, Map.of("/shop/web/A", "1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-rw-r--"));
        SecretsFileFormat.merge(secrets, Map.of("/shop/web/B", "two \"quoted\"\nlines"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        assertThat(SecretsFileFormat.read(secrets).values())
                .containsExactly(Map.entry("/shop/web/A", "1"), Map.entry("/shop/web/B", "two \"quoted\"\nlines"));

        Files.writeString(secrets, "{\"/shop/web/A\": 1,,}");
        assertThatThrownBy(() -> SecretsFileFormat.merge(secrets, Map.of("/shop/web/C", "3")))
                .isInstanceOf(UnreadableFileException.class);
        assertThat(Files.readString(secrets)).isEqualTo("{\"/shop/web/A\": 1,,}");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(secrets);
        }
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
