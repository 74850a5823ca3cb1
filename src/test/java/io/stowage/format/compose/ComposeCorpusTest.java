package io.stowage.format.compose;

import io.stowage.format.Corpus;
import io.stowage.format.ConversionReport;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every compose file of ../shared/corpus/compose imports, or is refused with a reason; what it imports
 * validates without errors; and every key of every service is either one the import maps or an item of the
 * report, so that nothing is dropped silently.
 */
class ComposeCorpusTest {
    /** Keys that always become part of the design when present (others must show up in the report). */
    private static final Set<String> MAPPED = Set.of("image", "build", "command", "entrypoint", "environment",
            "env_file", "ports", "volumes", "healthcheck", "deploy", "user", "working_dir", "hostname", "privileged",
            "read_only", "stdin_open", "tty", "labels", "dns", "dns_search", "extra_hosts", "security_opt",
            "stop_grace_period", "sysctls", "ulimits", "logging", "restart", "init", "cap_add", "cap_drop", "devices",
            "shm_size", "tmpfs", "mem_swappiness", "memswap_limit", "platform", "pid", "ipc", "network_mode",
            "mem_limit", "mem_reservation", "cpus", "cpu_shares", "scale", "secrets", "profiles",
            "x-aws-pull_credentials", "x-aws-min_percent", "x-aws-max_percent");
    private static final Set<String> TOP_LEVEL_MAPPED = Set.of("services", "name", "version", "x-aws-cluster",
            "volumes", "secrets");

    static List<Path> composeFiles() throws IOException {
        Path dir = Corpus.root().resolve("compose");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(ComposeImport::isComposeFile).sorted().toList();
        }
    }

    private static ComposeImport.Result read(List<Path> files) throws UnreadableFileException {
        return ComposeImport.read(files, new ComposeImport.Options(null, List.of(), false, null, Map.of()));
    }

    @Test
    void everyCorpusFileImportsOrIsRefusedAndNothingIsDroppedSilently() throws Exception {
        List<Path> files = composeFiles();
        Assumptions.assumeFalse(files.isEmpty(), "no compose corpus at " + Corpus.root());
        List<String> problems = new ArrayList<>();
        int imported = 0;
        for (Path file : files) {
            ComposeImport.Result result;
            try {
                result = read(List.of(file));
            } catch (UnreadableFileException e) {
                assertThat(e.getMessage()).as(file.toString()).startsWith(file.toString()).doesNotContain("Exception");
                continue;
            }
            imported++;
            for (Finding finding : DesignValidator.validate(result.imported().design())) {
                if (finding.isError()) {
                    problems.add(file.getFileName() + ": invalid design: " + finding.path() + ": " + finding.message());
                }
            }
            problems.addAll(silentlyDropped(file, result));
        }
        assertThat(problems).isEmpty();
        assertThat(imported).as("corpus files imported").isEqualTo(files.size());
    }

    /** Keys of the file that are neither mapped nor reported. */
    static List<String> silentlyDropped(Path file, ComposeImport.Result result) throws UnreadableFileException {
        List<String> out = new ArrayList<>();
        JsonObject tree = ComposeYaml.read(file).root();
        ConversionReport report = result.report();
        for (String key : tree.keys()) {
            if (!TOP_LEVEL_MAPPED.contains(key) && !report.mentions(new JsonPath("").key(key).text())) {
                out.add(file.getFileName() + ": " + key + " is neither mapped nor reported");
            }
        }
        String taskDefinitions = result.imported().design().taskDefinitionList().toString();
        if (tree.get("volumes") instanceof JsonObject volumes) {
            for (String volume : volumes.keys()) {
                if (!report.mentions(new JsonPath("volumes").key(volume).text())
                        && !taskDefinitions.contains("\"name\":\"" + VolumeSettings.sanitize(volume) + "\"")) {
                    out.add(file.getFileName() + ": volumes." + volume + " is neither a task volume nor reported");
                }
            }
        }
        if (tree.get("secrets") instanceof JsonObject secrets) {
            for (String secret : secrets.keys()) {
                if (!report.mentions(new JsonPath("secrets").key(secret).text()) && !report.items().stream()
                        .anyMatch(i -> i.path().contains(".secrets[") && i.message().contains(secret))) {
                    out.add(file.getFileName() + ": secrets." + secret + " is neither used nor reported");
                }
            }
        }
        JsonObject services = (JsonObject) tree.get("services");
        for (String name : services.keys()) {
            String path = new JsonPath("services").key(name).text();
            if (!result.services().contains(name)) {
                if (!report.items().stream().anyMatch(i -> i.path().equals(path))) {
                    out.add(file.getFileName() + ": " + path + " is not imported and not reported");
                }
                continue;
            }
            for (String key : ((JsonObject) services.get(name)).keys()) {
                String keyPath = new JsonPath(path).key(key).text();
                if (!MAPPED.contains(key) && !report.mentions(keyPath)) {
                    out.add(file.getFileName() + ": " + keyPath + " is neither mapped nor reported");
                }
            }
        }
        return out;
    }

    @Test
    void anOverrideFileImportsTogetherWithTheFileItExtends() throws Exception {
        List<Path> files = composeFiles();
        Path base = files.stream().filter(f -> f.getFileName().toString().startsWith("022_")).findFirst().orElse(null);
        Path override = files.stream().filter(f -> f.getFileName().toString().startsWith("023_")).findFirst().orElse(null);
        Assumptions.assumeTrue(base != null && override != null, "the hazebot files are not in the corpus");

        ComposeImport.Result result = read(List.of(base, override));

        assertThat(result.services()).containsExactly("app", "scheduler", "worker", "redis", "db", "nginx");
        var app = result.imported().design().taskDefinition("app").orElseThrow().containerDefinitions().get(0);
        assertThat(app.command()).containsExactly("gunicorn", "--bind", "0.0.0.0:5000", "airq:app", "--reload");
        var redis = result.imported().design().taskDefinition("redis").orElseThrow().containerDefinitions().get(0);
        assertThat(redis.portMappings()).singleElement().satisfies(p -> assertThat(p.hostPort()).isEqualTo(6379));
        assertThat(result.report().items()).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo("services.app.env_file[0]");
            assertThat(i.file()).isEqualTo(override);
            assertThat(i.message()).contains(".env.dev", "does not exist");
        });
    }
}
