package io.stowage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateAndFmtCommandTest {
    private static final Path SAMPLES = Path.of("src/test/resources/samples/taskdefs");

    @TempDir
    Path dir;

    @Test
    void validatePrintsOneLinePerFindingThenASummary() throws IOException {
        Path file = copy("templated-crlf-tabs.json");

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.outLines()).isNotEmpty();
        assertThat(run.outLines().subList(0, run.outLines().size() - 1))
                .allMatch(line -> line.matches("\\Q" + file + "\\E: (error|warning): \\S.*: .+ \\[[a-z0-9-]+]"), "finding format");
        assertThat(run.out()).contains("containerDefinitions[0].image").contains("<IMAGE1_NAME>");
        assertThat(run.outLines().get(run.outLines().size() - 1)).matches("1 file checked: \\d+ errors?, \\d+ warnings?");
        assertThat(run.exitCode()).isIn(0, 1);
    }

    @Test
    void validateJsonIsOneDocument() throws IOException {
        Path file = copy("describe-wrapped.json");

        CliRun run = CliRun.of("validate", "--json", file.toString());

        assertThat(run.out().strip()).startsWith("{").endsWith("}").contains("\"files\"").contains("\"readable\": true");
        assertThat(run.exitCode()).isEqualTo(0);
    }

    @Test
    void unreadableFileWinsExitCodeTwoButOtherFilesAreStillChecked() throws IOException {
        Path good = copy("describe-wrapped.json");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"family\": ");

        CliRun run = CliRun.of("validate", bad.toString(), good.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(bad + ": error: line 1");
        assertThat(run.out()).contains("2 files checked").contains("1 unreadable");
    }

    @Test
    void fmtRewritesDescribeOutputInTheRegisterShapeAndIsIdempotent() throws IOException {
        Path file = copy("describe-wrapped.json");

        assertThat(CliRun.of("fmt", "--check", file.toString()).exitCode()).isEqualTo(1);
        CliRun run = CliRun.of("fmt", file.toString());
        assertThat(run.exitCode()).isEqualTo(0);

        String text = Files.readString(file);
        assertThat(text).doesNotContain("taskDefinitionArn").doesNotContain("\"revision\"").doesNotContain("registeredBy")
                .doesNotContain("requiresAttributes").contains("\"tags\": [").startsWith("{\n  \"containerDefinitions\": [");
        CliRun check = CliRun.of("fmt", "--check", file.toString());
        assertThat(check.exitCode()).isEqualTo(0);
        assertThat(check.out()).isEmpty();
    }

    @Test
    void fmtCheckListsFilesThatWouldChangeAndChangesNothing() throws IOException {
        Path file = copy("templated-crlf-tabs.json");
        byte[] before = Files.readAllBytes(file);

        CliRun run = CliRun.of("fmt", "--check", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).containsExactly(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void fmtKeepsCrlfLineEndingsAndWritesThroughSymbolicLinks() throws IOException {
        Path file = copy("templated-crlf-tabs.json");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), file);

        assertThat(CliRun.of("fmt", link.toString()).exitCode()).isZero();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        String text = Files.readString(file);
        assertThat(text).startsWith("{\r\n  \"family\": \"templated\",\r\n").doesNotContain("\t");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        assertThat(CliRun.of("fmt", "--check", file.toString()).exitCode()).isZero();
    }

    @Test
    void fmtWritesToOutputWithOneFileOnly() throws IOException {
        Path file = copy("unknown-members-and-nulls.json");
        byte[] before = Files.readAllBytes(file);
        Path out = dir.resolve("out/clean.json");

        CliRun one = CliRun.of("fmt", "-o", out.toString(), file.toString());
        assertThat(one.exitCode()).isEqualTo(0);
        assertThat(one.out()).as("what was left out is said").contains("null members left out").contains("ipcMode");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.readString(out)).contains("\"inferenceDevices\"").doesNotContain("\"ipcMode\"").doesNotContain("null")
                .contains("2.50").contains("\"xStowageNote\"").doesNotContain("requiresAttributes");

        CliRun two = CliRun.of("fmt", "-o", out.toString(), file.toString(), file.toString());
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("-o takes exactly one FILE");
    }

    @Test
    void helpAndVersion() {
        for (String command : new String[] {"validate", "fmt", "import"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(command).isEqualTo(0);
            assertThat(help.out()).as(command).contains("Usage: stowage " + command);
        }
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isEqualTo(0);
        assertThat(version.out()).startsWith("stowage ");
        assertThat(CliRun.of("--help").out()).contains("validate").contains("fmt").contains("import");
    }

    private Path copy(String sample) throws IOException {
        return Files.copy(SAMPLES.resolve(sample), dir.resolve(sample));
    }
}
