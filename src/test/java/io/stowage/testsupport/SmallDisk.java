package io.stowage.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, that can be filled until only a few bytes are free: a nearly full disk,
 * as users have them, without touching anyone else's. Mounting needs root (or CAP_SYS_ADMIN); where it is not
 * allowed the test is skipped with the reason.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;
    private final Path filler;

    private SmallDisk(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve(".filler");
    }

    /** Mounts a tmpfs of {@code kibibytes} KiB on a new folder under {@code parent}. */
    public static SmallDisk mount(Path parent, int kibibytes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "small-disk");
        String result = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + kibibytes + "k,mode=0777", "tmpfs", dir.toString()));
        Assumptions.assumeTrue(result == null, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + result);
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Fills the disk so that only about {@code freeBytes} stay free (tmpfs counts whole 4 KiB pages): a write
     * of more than that fails part-way, as on a user's nearly full disk.
     */
    public void leaveFree(int freeBytes) throws IOException {
        Files.deleteIfExists(filler);
        long written = 0;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            // Full now; below, give back what should be free.
        }
        long keep = Math.max(0, written - roundUp(freeBytes));
        try (var channel = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
    }

    /** Gives all the space back. */
    public void empty() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Every file on the disk but the filler, for "nothing left behind". */
    public List<Path> files() throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.equals(filler)).sorted().toList();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String result = run(List.of("umount", dir.toString()));
        if (result == null) {
            Files.deleteIfExists(dir);
        }
    }

    private static long roundUp(int bytes) {
        return (bytes + 4095L) / 4096 * 4096;
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return command.get(0) + " did not finish";
        }
        return process.exitValue() == 0 ? null : output.isEmpty() ? "exit " + process.exitValue() : output;
    }
}
