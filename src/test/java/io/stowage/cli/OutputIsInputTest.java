package io.stowage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -o} naming the command's own input, as the probe typed it and under other names (a symbolic link, a hard
 * link): refused before anything is written, the input byte for byte as it was.
 */
class OutputIsInputTest {
    private static final String TASK_DEFINITION = "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\","
            + " \"image\": \"nginx:1.27\", \"memory\": 256, \"essential\": true}]}\n";

    @TempDir
    Path dir;

    @Test
    void importOverItsOwnTaskDefinitionIsRefused() throws Exception {
        Path input = Files.writeString(dir.resolve("web.json"), TASK_DEFINITION);
        byte[] before = Files.readAllBytes(input);

        CliRun run = CliRun.of("import", input.toString(), "-o", input.toString());

        assertRefused(run, input, input, before);
    }

    @Test
    void importOverItsComposeFileThroughALinkIsRefused() throws Exception {
        Path input = Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n");
        Path link = Files.createSymbolicLink(dir.resolve("d.stowage.json"), input.getFileName());
        byte[] before = Files.readAllBytes(input);

        CliRun run = CliRun.of("import", input.toString(), "-o", link.toString());

        assertRefused(run, input, link, before);
    }

    @Test
    void exportOverItsOwnDesignIsRefusedForEveryTarget() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("out"));
        Path design = folder.resolve("d.stowage.json");
        assertThat(CliRun.of("import", Files.writeString(dir.resolve("web.json"), TASK_DEFINITION).toString(),
                "-o", design.toString()).exitCode()).isZero();
        byte[] before = Files.readAllBytes(design);
        Path hardLink = Files.createLink(dir.resolve("template.json"), design);
        // taskdefs would write out/web.json: here a link to the design.
        Path web = Files.createSymbolicLink(folder.resolve("web.json"), design.getFileName());

        assertRefused(CliRun.of("export", "--to", "compose", "-o", design.toString(), design.toString()),
                design, design, before);
        assertRefused(CliRun.of("export", "--to", "cloudformation", "-o", hardLink.toString(), design.toString()),
                design, hardLink, before);
        assertRefused(CliRun.of("export", "--to", "taskdefs", "-o", folder.toString(), design.toString()),
                design, web, before);
        assertThat(Files.isSymbolicLink(web)).isTrue();
    }

    private static void assertRefused(CliRun run, Path input, Path output, byte[] before) throws Exception {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(run.err()).startsWith(output + ": error: cannot write: it is the input " + input)
                .contains("choose another output").contains("the file was left as it was");
        assertThat(run.out()).doesNotContain("wrote");
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }
}
