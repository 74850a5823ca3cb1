package io.stowage.format;

import io.stowage.testsupport.Engines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Stowage writes passes the AWS CLI's own parameter validation (botocore's ParamValidator, through
 * ../shared/tools/validate-taskdef): every file the CLI accepts before a round trip, it accepts after.
 */
@Tag("ecs")
class AwsCliAcceptsWrittenFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyFileBotocoreAcceptsIsStillAcceptedAfterWriting() throws Exception {
        Path tool = Corpus.root().resolve("../tools/validate-taskdef").normalize();
        boolean available = Files.isRegularFile(tool) && python("-c", "import botocore") == 0;
        if (!available && Engines.required()) {
            throw new AssertionError("botocore's validator is required here but not available at " + tool);
        }
        Assumptions.assumeTrue(available, "python3 with botocore and " + tool + " are needed");

        List<Path> inputs = new ArrayList<>(Corpus.taskDefinitions());
        try (Stream<Path> own = Files.walk(Path.of("src/test/resources"))) {
            own.filter(f -> f.toString().endsWith(".json") && f.toString().contains("taskdefs")).sorted().forEach(inputs::add);
        }
        List<Path> originals = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (Path input : inputs) {
            try {
                LoadedTaskDefinition loaded = TaskDefinitionFormat.read(input);
                Path out = dir.resolve(written.size() + "-" + input.getFileName());
                TaskDefinitionFormat.write(loaded.taskDefinition(), out);
                originals.add(input);
                written.add(out);
            } catch (UnreadableFileException e) {
                // Not JSON, or not a task definition: nothing written, nothing to compare.
            }
        }
        assertThat(written).isNotEmpty();

        Map<Path, String> before = verdicts(tool, originals, true);
        Map<Path, String> after = verdicts(tool, written, false);
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            if ("VALID".equals(before.get(originals.get(i).toAbsolutePath().normalize()))
                    && !"VALID".equals(after.get(written.get(i).toAbsolutePath().normalize()))) {
                broken.add(originals.get(i).getFileName().toString());
            }
        }
        assertThat(broken).as("files botocore accepted before writing but not after").isEmpty();
        long valid = after.values().stream().filter("VALID"::equals).count();
        assertThat(valid).as("written files botocore accepts").isGreaterThan(written.size() / 2);
    }

    private static Map<Path, String> verdicts(Path tool, List<Path> files, boolean unwrap) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", tool.toString(), "-q"));
        if (unwrap) {
            command.add("--unwrap");
        }
        files.forEach(f -> command.add(f.toAbsolutePath().normalize().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<Path, String> verdicts = new HashMap<>();
        for (String line : output.lines().toList()) {
            String[] parts = line.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].matches("[A-Z_]+")) {
                verdicts.put(Path.of(parts[1].trim()), parts[0]);
            }
        }
        return verdicts;
    }

    private static int python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
