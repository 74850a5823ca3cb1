package io.stowage.cli;

import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;
import io.stowage.testsupport.JsonMutants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's fuzz test, as the probe ran it: the project's own sample files and the corpus (../shared/corpus, when
 * the checkout has it beside it) mutated at random, byte by byte, line by line and value by value, and every file
 * command run on each mutant in process: validate (lines and --json), fmt (--check and -o), import (compose files
 * also --single-task and --inline-env-files), place, and the export to all three targets, of the mutant when it is a
 * design and of what its import wrote. It fails on any crash (exit 3, an internal error, an exception out of the
 * command), any hang (a run past its timeout) and any input file that a command changed.
 * <p>
 * Seeded and bounded: {@code -Dstowage.fuzz.seed=N} (default fixed, so CI runs are repeatable; a failure names
 * the seed of its mutant and keeps the mutant under target/fuzz-failures), {@code -Dstowage.fuzz.seconds=S} (default
 * 60) and {@code -Dstowage.fuzz.runTimeout=S} (default 20 per command). The figures go to standard output and to
 * target/fuzz-figures.txt.
 */
@Tag("slow")
class FileCommandsFuzzTest {
    private static final long SEED = Long.getLong("stowage.fuzz.seed", 20261203L);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("stowage.fuzz.seconds", 60));
    private static final Duration PER_RUN = Duration.ofSeconds(Long.getLong("stowage.fuzz.runTimeout", 20));
    private static final long MAX_SEED_BYTES = 256 * 1024;

    /** Text that readers meet in hostile or careless files, inserted at random places. */
    private static final List<String> INSERTS = List.of("{", "}", "[", "]", "\"", ":", ",", "\n", "\t", " ", "-", "- ",
            "*", "&a ", "*a", "<<: *a\n", "$", "${", "${X:?boom}", "$$", "\\", "\\u0000", "\u0000", "\uFEFF", "1e999999999",
            "1e2147483648", "-0", "9223372036854775808", "null", "~", "#", "'", "|", ">", "!!binary ", "!!python/object ",
            "\r", "\r\n", "é", "😀", "\ud800", "0x1F", "yes", "\"80:80:80\"", "::", "%", "@", "`", "true", "[]", "{}",
            "\"\"", "../../", "/dev/zero", "/var/run/docker.sock:/var/run/docker.sock", "x".repeat(5000));

    /** Values a compose or YAML line may take instead of its own. */
    private static final List<String> YAML_VALUES = List.of("null", "~", "[]", "{}", "*undefined", "&a x", "\"${UNSET:?boom}\"",
            "1e999", "-1", "0", "2.5", "yes", "\"80:80:80\"", "[1, [2, [3]]]", "{a: {b: {c: d}}}", "\"\"", "|\n  multi\n  line",
            "\"" + "v".repeat(3000) + "\"", "!!binary aGVsbG8=", "\"${VAR}\"", "'${A:-${B:-c}}'", "\"/dev/zero\"",
            "[\"CMD\", 1, null]", "\"0.0.0.0:80:80\"", "\"65536:70000\"", "\"a b c\"");

    private static final List<Json> JSON_VALUES = Stream.concat(JsonMutants.ODD_VALUES.stream(), Stream.of(
            new JsonString("${X}"), new JsonString("<IMAGE>"), new JsonString("x".repeat(5000)),
            JsonNumber.parse("1e308"), JsonNumber.parse("-9223372036854775808"), JsonNumber.parse("0.000001"),
            nested(60), JsonObject.builder().put("", "").put("weird key", JsonArray.EMPTY).build(),
            new JsonString("arn:aws:iam::123456789012:role/" + "r".repeat(300)), new JsonString("\u0000\ud800"))).toList();

    @TempDir
    Path dir;

    /** What went wrong with one run, and how to make the mutant again. */
    private record Failure(String kind, String seedFile, long mutantSeed, List<String> args, String detail) {
        @Override
        public String toString() {
            return kind + ": " + String.join(" ", args) + " (mutant of " + seedFile + ", mutant seed " + mutantSeed
                    + "): " + detail;
        }
    }

    @Test
    void mutatedFilesNeverCrashHangOrChangeTheirInput() throws Exception {
        List<Path> seeds = seeds();
        assertThat(seeds).as("sample files to mutate").hasSizeGreaterThan(10);
        Random random = new Random(SEED);
        ExecutorService runner = newRunner();
        List<Failure> failures = new ArrayList<>();
        long mutants = 0;
        long runs = 0;
        int crashes = 0;
        int hangs = 0;
        int modified = 0;
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        try {
            for (int round = 0; System.nanoTime() < deadline && hangs < 3; round++) {
                Path seed = seeds.get(round % seeds.size());
                long mutantSeed = random.nextLong();
                Path work = Files.createDirectories(dir.resolve("m" + round));
                Path out = Files.createDirectories(dir.resolve("o" + round));
                Path input = writeMutant(seed, work, new Random(mutantSeed));
                mutants++;
                Map<String, String> before = snapshot(work);
                for (List<String> args : commands(input, out)) {
                    if (args.contains("{import}")) {
                        Path imported = out.resolve("imported.stowage.json");
                        if (!Files.isRegularFile(imported)) {
                            continue;
                        }
                        args = args.stream().map(a -> a.equals("{import}") ? imported.toString() : a).toList();
                    }
                    runs++;
                    List<String> command = args;
                    Future<CliRun> future = runner.submit(() -> CliRun.of(command.toArray(String[]::new)));
                    Failure failure = null;
                    try {
                        CliRun run = future.get(PER_RUN.toMillis(), TimeUnit.MILLISECONDS);
                        if (run.exitCode() == Cli.INTERNAL_ERROR || run.err().contains("internal error")
                                || run.err().contains("\tat ")) {
                            crashes++;
                            failure = new Failure("crash", name(seed), mutantSeed, args, "exit " + run.exitCode() + ": "
                                    + run.err().lines().findFirst().orElse(""));
                        }
                    } catch (TimeoutException e) {
                        hangs++;
                        failure = new Failure("hang", name(seed), mutantSeed, args, "still running after " + PER_RUN);
                        // The command's thread cannot be stopped; it is left (a daemon) and a new one runs the rest.
                        runner.shutdownNow();
                        runner = newRunner();
                    } catch (ExecutionException e) {
                        crashes++;
                        failure = new Failure("crash", name(seed), mutantSeed, args, "threw " + e.getCause());
                    }
                    Map<String, String> after = snapshot(work);
                    if (!after.equals(before)) {
                        modified++;
                        Failure changed = new Failure("input modified", name(seed), mutantSeed, args, before.keySet()
                                + " -> " + after.keySet());
                        failures.add(changed);
                        before = after;
                    }
                    if (failure != null) {
                        failures.add(failure);
                        keep(work, round);
                    }
                }
                delete(work);
                delete(out);
            }
        } finally {
            runner.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String figures = String.format(Locale.ROOT, "fuzz: seed %d, %d sample files, %d mutants, %d runs in %.1f s: "
                        + "%d crashes, %d hangs, %d inputs modified", SEED, seeds.size(), mutants, runs, seconds,
                crashes, hangs, modified);
        System.out.println(figures);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fuzz-figures.txt"), figures + "\n"
                + String.join("\n", failures.stream().map(Failure::toString).toList()) + "\n");
        assertThat(failures).as(figures).isEmpty();
        assertThat(mutants).as("mutants made within the budget").isGreaterThan(0);
    }

    /** The commands a user runs on such a file; {@code {import}} stands for the design its import wrote. */
    private static List<List<String>> commands(Path input, Path out) {
        String file = input.toString();
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean compose = name.endsWith(".yml") || name.endsWith(".yaml");
        boolean design = name.endsWith(".stowage.json");
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("validate", file));
        commands.add(List.of("validate", "--json", file));
        commands.add(List.of("fmt", "--check", file));
        commands.add(List.of("fmt", "-o", out.resolve("formatted.json").toString(), file));
        if (!design) {
            commands.add(List.of("import", file, "-o", out.resolve("imported.stowage.json").toString()));
        }
        if (compose) {
            commands.add(List.of("import", "--single-task", "--inline-env-files", file, "-o",
                    out.resolve("single.stowage.json").toString()));
        }
        List<String> designs = new ArrayList<>();
        if (design) {
            designs.add(file);
        }
        designs.add("{import}");
        for (String d : designs) {
            commands.add(List.of("place", d));
            commands.add(List.of("place", "--json", "--seed", "7", d));
            commands.add(List.of("validate", d));
            commands.add(List.of("export", "--to", "taskdefs", "-o", out.resolve("taskdefs").toString(), d));
            commands.add(List.of("export", "--to", "compose", "-o", out.resolve("compose.yaml").toString(), d));
            commands.add(List.of("export", "--to", "cloudformation", "-o", out.resolve("template.yaml").toString(), d));
        }
        return commands;
    }

    /** The project's own samples and the corpus: task definitions, designs, compose files. */
    private static List<Path> seeds() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(Path.of("src/test/resources"), Path.of("src/main/resources/io/stowage/examples")));
        Path corpus = Path.of(System.getProperty("stowage.corpus", "../shared/corpus"));
        if (Files.isDirectory(corpus)) {
            roots.add(corpus);
        }
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(FileCommandsFuzzTest::isSeed).sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static boolean isSeed(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return (name.endsWith(".json") || name.endsWith(".yml") || name.endsWith(".yaml"))
                    && Files.size(file) <= MAX_SEED_BYTES && !file.toString().contains("screenshots");
        } catch (IOException e) {
            return false;
        }
    }

    /** The mutant, under the seed's own name, beside copies of the seed's small neighbours (.env, env files). */
    private static Path writeMutant(Path seed, Path work, Random random) throws IOException {
        try (Stream<Path> siblings = Files.list(seed.getParent())) {
            for (Path sibling : siblings.filter(Files::isRegularFile).toList()) {
                String name = sibling.getFileName().toString();
                if (!sibling.equals(seed) && (name.startsWith(".env") || name.endsWith(".env")) && Files.size(sibling) < 16384) {
                    Files.copy(sibling, work.resolve(name));
                }
            }
        }
        byte[] bytes = Files.readAllBytes(seed);
        String name = seed.getFileName().toString();
        int operations = 1 + random.nextInt(3);
        for (int i = 0; i < operations; i++) {
            bytes = mutate(bytes, name, random);
        }
        Path mutant = work.resolve(name);
        Files.write(mutant, bytes);
        return mutant;
    }

    private static byte[] mutate(byte[] bytes, String name, Random random) {
        int choice = random.nextInt(10);
        if (choice < 3 && name.endsWith(".json")) {
            byte[] tree = treeMutation(bytes, random);
            if (tree != null) {
                return tree;
            }
        }
        if (choice < 6 && !name.endsWith(".json")) {
            return lineMutation(new String(bytes, StandardCharsets.UTF_8), random).getBytes(StandardCharsets.UTF_8);
        }
        return byteMutation(bytes, random);
    }

    /** One value of the JSON tree replaced, a member removed, or an item doubled. */
    private static byte[] treeMutation(byte[] bytes, Random random) {
        JsonDocument document;
        try {
            document = JsonFileReader.parse(Path.of("seed.json"), bytes);
        } catch (UnreadableFileException e) {
            return null;
        }
        Json replacement = JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
        List<Json> variants = JsonMutants.all(document.root(), List.of(replacement));
        if (variants.isEmpty()) {
            return null;
        }
        Json mutant = variants.get(random.nextInt(variants.size()));
        return JsonText.pretty(mutant).getBytes(StandardCharsets.UTF_8);
    }

    /** A line of YAML indented, dedented, doubled, dropped, swapped with the next, or given another value. */
    private static String lineMutation(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return text;
        }
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        switch (random.nextInt(6)) {
            case 0 -> lines.set(at, "  " + line);
            case 1 -> lines.set(at, line.startsWith("  ") ? line.substring(2) : line.stripLeading());
            case 2 -> lines.add(at, line);
            case 3 -> lines.remove(at);
            case 4 -> {
                if (at + 1 < lines.size()) {
                    lines.set(at, lines.get(at + 1));
                    lines.set(at + 1, line);
                }
            }
            default -> {
                int colon = line.indexOf(": ");
                String value = YAML_VALUES.get(random.nextInt(YAML_VALUES.size()));
                lines.set(at, colon >= 0 ? line.substring(0, colon + 2) + value
                        : line.startsWith("- ") || line.strip().startsWith("- ") ? line.substring(0, line.indexOf("- ") + 2) + value
                        : line + ": " + value);
            }
        }
        return String.join("\n", lines);
    }

    /** Bytes cut, removed, inserted or copied elsewhere. */
    private static byte[] byteMutation(byte[] bytes, Random random) {
        int length = bytes.length;
        int at = length == 0 ? 0 : random.nextInt(length + 1);
        switch (random.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(bytes, at);
            }
            case 1 -> {
                int end = Math.min(length, at + 1 + random.nextInt(20));
                return concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, end, length));
            }
            case 2 -> {
                int start = length == 0 ? 0 : random.nextInt(length);
                int end = Math.min(length, start + 1 + random.nextInt(200));
                return concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, start, end),
                        Arrays.copyOfRange(bytes, at, length));
            }
            case 3 -> {
                byte[] copy = bytes.clone();
                if (length > 0) {
                    copy[random.nextInt(length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
            default -> {
                byte[] insert = INSERTS.get(random.nextInt(INSERTS.size())).getBytes(StandardCharsets.UTF_8);
                return concat(Arrays.copyOfRange(bytes, 0, at), insert, Arrays.copyOfRange(bytes, at, length));
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static Json nested(int depth) {
        Json value = new JsonString("deep");
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? JsonArray.of(List.of(value)) : JsonObject.builder().put("k", value).build();
        }
        return value;
    }

    /** Every file of the input folder by name, with a digest of its bytes and its modification time. */
    private static Map<String, String> snapshot(Path work) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(f -> !f.equals(work)).toList()) {
                String key = work.relativize(file).toString();
                if (Files.isRegularFile(file)) {
                    out.put(key, digest(Files.readAllBytes(file)) + "@" + Files.getLastModifiedTime(file).toMillis());
                } else {
                    out.put(key, "dir");
                }
            }
        }
        return out;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String name(Path seed) {
        return seed.toString();
    }

    /** A mutant that broke something, kept for a look and a rerun. */
    private static void keep(Path work, int round) throws IOException {
        Path kept = Files.createDirectories(Path.of("target/fuzz-failures/m" + round));
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
