package io.stowage.cli;

import io.stowage.testsupport.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nearly full disk (a small tmpfs with a few KiB free, as the probe had it): every command that writes a file
 * leaves the file it would replace byte for byte, leaves no temporary file, exits non-zero and says why.
 * Mounting the tmpfs runs {@code mount}, another program: hence the tag.
 */
@Tag("slow")
class DiskFullTest {
    @TempDir
    Path work;
    private SmallDisk disk;

    @BeforeEach
    void mount() throws Exception {
        disk = SmallDisk.mount(work, 1024);
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    /** A task definition of about 40 KB written on one line: formatted, it grows well past what is free. */
    private static String bigTaskDefinition() {
        StringBuilder env = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            env.append(i == 0 ? "" : ",").append("{\"name\":\"SETTING_").append(i).append("\",\"value\":\"value-").append(i).append("\"}");
        }
        return "{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"memory\":256,"
                + "\"essential\":true,\"portMappings\":[{\"containerPort\":80}],\"environment\":[" + env + "]}]}";
    }

    @Test
    void fmtLeavesTheFileAsItWasAndSaysTheDiskIsFull() throws Exception {
        Path file = Files.writeString(disk.dir().resolve("web.json"), bigTaskDefinition());
        byte[] before = Files.readAllBytes(file);
        disk.leaveFree(4096);

        CliRun run = CliRun.of("fmt", file.toString());

        assertUntouched(run, file, before);
    }

    @Test
    void importLeavesTheDesignItWouldReplaceAsItWas() throws Exception {
        Path input = Files.writeString(disk.dir().resolve("web.json"), bigTaskDefinition());
        Path design = Files.writeString(disk.dir().resolve("d.stowage.json"), "{\"formatVersion\": 1}\n");
        byte[] before = Files.readAllBytes(design);
        disk.leaveFree(4096);

        CliRun run = CliRun.of("import", input.toString(), "-o", design.toString());

        assertUntouched(run, design, before);
    }

    @ParameterizedTest(name = "export --to {0}")
    @ValueSource(strings = {"compose", "cloudformation", "taskdefs"})
    void exportLeavesWhatItWouldReplaceAsItWas(String target) throws Exception {
        Path design = work.resolve("d.stowage.json");
        Path input = Files.writeString(work.resolve("web.json"), bigTaskDefinition());
        assertThat(CliRun.of("import", input.toString(), "-o", design.toString()).exitCode()).isZero();
        Path onDisk = Files.copy(design, disk.dir().resolve("d.stowage.json"));
        Path output = target.equals("taskdefs") ? disk.dir().resolve("out") : disk.dir().resolve("out." + target);
        Path replaced = target.equals("taskdefs") ? output.resolve("web.json") : output;
        Files.createDirectories(replaced.getParent());
        Files.writeString(replaced, "the previous export\n");
        byte[] before = Files.readAllBytes(replaced);
        byte[] designBefore = Files.readAllBytes(onDisk);
        disk.leaveFree(4096);

        CliRun run = CliRun.of("export", "--to", target, "-o", output.toString(), onDisk.toString());

        assertUntouched(run, replaced, before);
        assertThat(Files.readAllBytes(onDisk)).isEqualTo(designBefore);
    }

    @Test
    void withSpaceAgainTheSameCommandsWrite() throws Exception {
        Path file = Files.writeString(disk.dir().resolve("web.json"), bigTaskDefinition());
        disk.leaveFree(4096);
        assertThat(CliRun.of("fmt", file.toString()).exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        disk.empty();

        CliRun run = CliRun.of("fmt", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file)).startsWith("{\n  \"family\": \"web\",").endsWith("}\n");
        assertThat(disk.files()).containsExactly(file);
    }

    private void assertUntouched(CliRun run, Path file, byte[] before) throws Exception {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(run.err()).contains(file + ": error: cannot write: the disk is full")
                .contains("the file was left as it was").doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("formatted").doesNotContain("wrote");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        List<String> temporary = new ArrayList<>();
        for (Path left : disk.files()) {
            if (left.getFileName().toString().endsWith(".tmp")) {
                temporary.add(left.toString());
            }
        }
        assertThat(temporary).as("temporary files left behind").isEmpty();
    }
}
