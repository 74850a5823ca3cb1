package io.stowage.cli;

import io.stowage.format.Corpus;
import io.stowage.testsupport.Engines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code stowage fmt} writes files the AWS CLI takes: wherever botocore's validation (RegisterTaskDefinition
 * input, through ../shared/tools/validate-taskdef) accepts a file once its null members are dropped, it accepts
 * what fmt wrote from it. Inputs: the corpus, the project's sample task definitions, and for each of them a
 * generated variant holding null members the way console exports do ({@code "ipcMode": null},
 * {@code "ulimits": null}, null log options).
 */
@Tag("ecs")
class FmtOutputBotocoreAcceptsTest {
    /** Drops null members (not null list items) the way the reference does: with python's json. */
    private static final String STRIP = """
            import json, sys
            def strip(v):
                if isinstance(v, dict):
                    return {k: strip(x) for k, x in v.items() if x is not None}
                if isinstance(v, list):
                    return [strip(x) for x in v]
                return v
            for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
                try:
                    with open(src, encoding='utf-8') as f:
                        data = json.load(f)
                except ValueError:
                    continue
                with open(dst, 'w', encoding='utf-8') as f:
                    json.dump(strip(data), f)
            """;
    /** Adds null members to a task definition (bare or wrapped), as the console's JSON export holds them. */
    private static final String ADD_NULLS = """
            import json, sys
            for src, dst in zip(sys.argv[1::2], sys.argv[2::2]):
                try:
                    with open(src, encoding='utf-8') as f:
                        data = json.load(f)
                except ValueError:
                    continue
                body = data.get('taskDefinition', data) if isinstance(data, dict) else data
                if isinstance(body, dict):
                    body.setdefault('ipcMode', None)
                    body.setdefault('pidMode', None)
                    body.setdefault('ephemeralStorage', None)
                    for c in body.get('containerDefinitions') or []:
                        if isinstance(c, dict):
                            c.setdefault('ulimits', None)
                            c.setdefault('linuxParameters', None)
                            c.setdefault('hostname', None)
                            log = c.get('logConfiguration')
                            if isinstance(log, dict) and isinstance(log.get('options'), dict):
                                log['options']['mode'] = log['options'].get('mode')
                with open(dst, 'w', encoding='utf-8') as f:
                    json.dump(data, f, indent=4)
            """;

    @TempDir
    Path dir;

    @Test
    void whatBotocoreAcceptsOnceNullsAreDroppedItAcceptsAsFmtWroteIt() throws Exception {
        Path tool = Corpus.root().resolve("../tools/validate-taskdef").normalize();
        boolean available = Files.isRegularFile(tool) && python(List.of("-c", "import botocore")) == 0;
        if (!available && Engines.required()) {
            throw new AssertionError("botocore's validator is required here but not available at " + tool);
        }
        Assumptions.assumeTrue(available, "python3 with botocore and " + tool + " are needed");

        List<Path> sources = new ArrayList<>(Corpus.taskDefinitions());
        try (Stream<Path> own = Files.walk(Path.of("src/test/resources"))) {
            own.filter(f -> f.toString().endsWith(".json") && f.toString().contains("taskdefs")).sorted().forEach(sources::add);
        }
        List<Path> inputs = new ArrayList<>(sources);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path generated = dir.resolve("nulls-" + i + "-" + sources.get(i).getFileName());
            pairs.add(sources.get(i).toAbsolutePath().toString());
            pairs.add(generated.toString());
            inputs.add(generated);
        }
        script(ADD_NULLS, pairs);
        inputs.removeIf(f -> !Files.exists(f));

        List<Path> stripped = new ArrayList<>();
        List<String> stripPairs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path out = dir.resolve("stripped-" + i + ".json");
            stripped.add(out);
            stripPairs.add(inputs.get(i).toAbsolutePath().toString());
            stripPairs.add(out.toString());
        }
        script(STRIP, stripPairs);

        List<Path> originals = new ArrayList<>();
        List<Path> baselines = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        int reportedNulls = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Path out = dir.resolve("fmt-" + i + ".json");
            CliRun run = CliRun.of("fmt", "-o", out.toString(), inputs.get(i).toString());
            if (run.exitCode() == Cli.UNUSABLE_INPUT) {
                continue; // not a task definition Stowage reads: nothing written, nothing to compare
            }
            assertThat(run.exitCode()).as(run.err()).isZero();
            if (run.out().contains("null members left out")) {
                reportedNulls++;
            }
            originals.add(inputs.get(i));
            baselines.add(stripped.get(i));
            written.add(out);
        }
        assertThat(written).hasSizeGreaterThan(sources.size());
        assertThat(reportedNulls).as("fmt names the null members it leaves out").isGreaterThanOrEqualTo(sources.size() / 2);

        Map<Path, String> before = verdicts(tool, baselines, true);
        Map<Path, String> after = verdicts(tool, written, false);
        List<String> refused = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < originals.size(); i++) {
            String text = Files.readString(written.get(i), StandardCharsets.UTF_8);
            assertThat(text).as("fmt output of " + originals.get(i)).doesNotContainPattern("\":\\s*null\\s*[,}\\n]");
            if ("VALID".equals(before.get(key(baselines.get(i))))) {
                accepted++;
                if (!"VALID".equals(after.get(key(written.get(i))))) {
                    refused.add(originals.get(i).getFileName() + ": " + after.get(key(written.get(i))));
                }
            }
        }
        assertThat(refused).as("files botocore accepts once nulls are dropped but refuses as fmt wrote them").isEmpty();
        assertThat(accepted).as("inputs botocore accepts once nulls are dropped").isGreaterThan(written.size() / 2);
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private void script(String source, List<String> args) throws Exception {
        Path file = dir.resolve("script-" + source.hashCode() + ".py");
        Files.writeString(file, source);
        List<String> command = new ArrayList<>(List.of(file.toString()));
        command.addAll(args);
        assertThat(python(command)).as("python " + file).isZero();
    }

    private static Map<Path, String> verdicts(Path tool, List<Path> files, boolean unwrap) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", tool.toString(), "-q"));
        if (unwrap) {
            command.add("--unwrap");
        }
        files.forEach(f -> command.add(key(f).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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

    private static int python(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(120, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
