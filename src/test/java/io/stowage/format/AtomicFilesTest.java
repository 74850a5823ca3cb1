package io.stowage.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The one file-writing path: what a user finds on disk after a write (and after a write that failed): the
 * permissions their umask gives, the link they kept, no temporary file, no leftover of a killed writer.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileGetsWhatTheUmaskGivesNotOwnerOnly() throws Exception {
        Path file = dir.resolve("web.json");

        AtomicFiles.write(file, "{}\n");

        int umask = umask();
        Set<PosixFilePermission> expected = PosixFilePermissions.fromString(rwx(0666 & ~umask));
        assertThat(Files.getPosixFilePermissions(file)).as("umask %o", umask).isEqualTo(expected);
        assertThat(Files.readString(file)).isEqualTo("{}\n");
    }

    @Test
    void aReplacedFileKeepsItsOwnPermissions() throws Exception {
        Path file = Files.writeString(dir.resolve("web.json"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        AtomicFiles.write(file, "new\n");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.readString(file)).isEqualTo("new\n");
    }

    @Test
    void throughASymbolicLinkTheFileItPointsToIsReplacedAndTheLinkStays() throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("kept")).resolve("web.json"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("web.json"), Path.of("kept", "web.json"));

        AtomicFiles.write(link, "new\n");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new\n");
        assertThat(names(dir)).containsExactly("kept", "web.json");
        assertThat(names(real.getParent())).containsExactly("web.json");
    }

    @Test
    void leftoversOfAKilledWriterGoAtTheNextWriteAndThoseOfALiveOneStay() throws Exception {
        Path file = Files.writeString(dir.resolve("web.json"), "old\n");
        long dead = deadPid();
        Path killed = Files.writeString(dir.resolve(".web.json." + dead + ".7.tmp"), "half of it");
        Path legacy = Files.writeString(dir.resolve(".web.json.8123456789012345678.tmp"), "half of it");
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path recentLegacy = Files.writeString(dir.resolve(".web.json.5123456789012345678.tmp"), "being written");
        Path live = Files.writeString(dir.resolve(".web.json." + ProcessHandle.current().parent().orElseThrow().pid()
                + ".1.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".api.json." + dead + ".1.tmp"), "another file's");

        assertThat(TempFiles.leftovers(file)).containsExactly(killed, legacy);

        AtomicFiles.write(file, "new\n");

        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(killed).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(recentLegacy).exists();
        assertThat(live).exists();
        assertThat(other).exists();
    }

    @Test
    void severalFilesAreWrittenAllOrNone() throws Exception {
        Path first = Files.writeString(dir.resolve("a.json"), "a\n");
        Path blocked = Files.createDirectories(dir.resolve("b.json"));
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(first, "new a\n".getBytes(StandardCharsets.UTF_8));
        files.put(blocked.resolve("c.json"), "c\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("x"), "a file where a folder should be");
        files.put(dir.resolve("x").resolve("d.json"), "d\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> AtomicFiles.writeAll(files)).isInstanceOf(FileWriteException.class)
                .hasMessageContaining("a file is in the way where a folder should be");

        assertThat(Files.readString(first)).isEqualTo("a\n");
        assertThat(names(dir)).containsExactly("a.json", "b.json", "x");
        assertThat(names(blocked)).isEmpty();
    }

    @Test
    void aReadOnlyFileIsNotReplaced() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write any file: nothing to refuse");
        Path file = Files.writeString(dir.resolve("web.json"), "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        assertThatThrownBy(() -> AtomicFiles.write(file, "new\n")).isInstanceOf(FileWriteException.class)
                .hasMessage(file + ": cannot write: permission denied (" + file + "); the file was left as it was");
        assertThat(Files.readString(file)).isEqualTo("old\n");
    }

    @Test
    void theOutputOfACommandIsNeverOneOfItsInputsUnderAnyName() throws Exception {
        Path input = Files.writeString(dir.resolve("web.json"), "{}\n");
        Path hardLink = Files.createLink(dir.resolve("hard.json"), input);
        Path symlink = Files.createSymbolicLink(dir.resolve("soft.json"), input.getFileName());
        Path spelled = dir.resolve("sub").resolve("..").resolve("web.json");
        Files.createDirectories(dir.resolve("sub"));

        for (Path output : List.of(input, hardLink, symlink, spelled)) {
            assertThatThrownBy(() -> OutputChecks.refuseInputs(output, List.of(input)))
                    .as(output.toString()).isInstanceOf(FileWriteException.class)
                    .hasMessageStartingWith(output + ": cannot write: it is the input " + input)
                    .hasMessageEndingWith("; choose another output; the file was left as it was");
        }
        OutputChecks.refuseInputs(dir.resolve("design.stowage.json"), List.of(input));
        Path copy = Files.copy(input, dir.resolve("copy.json"));
        OutputChecks.refuseInputs(copy, List.of(input));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** This process's umask, as Linux reports it. */
    private static int umask() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Umask:")) {
                return Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
            }
        }
        throw new IllegalStateException("no Umask line in /proc/self/status");
    }

    private static String rwx(int mode) {
        StringBuilder out = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }

    /** A process id that no running process has. */
    private static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
