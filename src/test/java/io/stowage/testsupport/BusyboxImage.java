package io.stowage.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The image integration tests run: a root file system holding only the host's static busybox, built on the
 * engine itself because no registry can be reached to pull one. Its label marks every container made from it
 * as a test's, whoever creates it, so {@link DockerEngineExtension} can clean up after production code too.
 */
public final class BusyboxImage {

    public static final String NAME = "stowage-test/busybox:latest";

    static final List<String> APPLETS = List.of(
            "sh", "echo", "sleep", "cat", "ls", "env", "wget", "nc", "true", "false", "id", "hostname", "ps",
            "kill", "test", "[", "printf", "mkdir", "rm", "touch", "cp", "mv", "ln", "chmod", "grep", "sed",
            "awk", "head", "tail", "wc", "tee", "date", "uname", "whoami", "pwd", "timeout", "seq", "xargs",
            "ip", "ifconfig", "ping", "nslookup", "netstat", "httpd", "df", "mount", "stat", "top", "vi");

    private static final List<String> BUSYBOX_CANDIDATES = List.of("/bin/busybox", "/usr/bin/busybox");

    /** The engines known to have it, by client: a test may run a private engine beside the shared one. */
    private static final java.util.Set<DockerClient> PRESENT = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private BusyboxImage() {
    }

    /** Builds the image unless the engine has it; once per JVM. */
    public static synchronized void ensure(DockerClient docker) {
        if (PRESENT.contains(docker)) {
            return;
        }
        try {
            docker.inspectImageCmd(NAME).exec();
        } catch (NotFoundException missing) {
            build(docker);
        }
        PRESENT.add(docker);
    }

    private static void build(DockerClient docker) {
        byte[] context = new TarWriter()
                .file("Dockerfile", 0644, dockerfile().getBytes(StandardCharsets.UTF_8))
                .file("rootfs.tar", 0644, rootFileSystem(staticBusybox()))
                .finish();
        docker.buildImageCmd()
                .withTarInputStream(new ByteArrayInputStream(context))
                .withTags(Set.of(NAME))
                .withPull(false)
                .withRemove(true)
                .exec(new BuildImageResultCallback())
                .awaitImageId(2, TimeUnit.MINUTES);
    }

    private static String dockerfile() {
        return String.join("\n",
                "FROM scratch",
                "ADD rootfs.tar /",
                "LABEL " + DockerEngineExtension.TEST_LABEL + "=true",
                "CMD [\"sh\"]",
                "");
    }

    static byte[] rootFileSystem(Path busybox) {
        TarWriter tar = new TarWriter()
                .directory("bin", 0755)
                .file("bin/busybox", 0755, read(busybox));
        APPLETS.forEach(applet -> tar.symlink("bin/" + applet, "busybox"));
        return tar
                .directory("etc", 0755)
                .file("etc/passwd", 0644, ascii("""
                        root:x:0:0:root:/root:/bin/sh
                        nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                        """))
                .file("etc/group", 0644, ascii("""
                        root:x:0:
                        nobody:x:65534:
                        """))
                .directory("root", 0700)
                .directory("tmp", 01777)
                .finish();
    }

    private static Path staticBusybox() {
        for (String candidate : BUSYBOX_CANDIDATES) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                if (!isStaticElf(path)) {
                    throw Engines.unavailable(candidate + " is not a static 64-bit ELF and cannot run in an empty image;"
                            + " install busybox-static");
                }
                return path;
            }
        }
        throw Engines.unavailable("no static busybox at " + BUSYBOX_CANDIDATES + "; install busybox-static");
    }

    /** A 64-bit little-endian ELF with no PT_INTERP program header needs no dynamic loader. */
    private static boolean isStaticElf(Path path) {
        try (var file = new RandomAccessFile(path.toFile(), "r")) {
            byte[] ident = new byte[16];
            file.readFully(ident);
            if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F'
                    || ident[4] != 2 || ident[5] != 1) {
                return false;
            }
            long programHeaders = littleEndian(file, 32, 8);
            int entrySize = (int) littleEndian(file, 54, 2);
            int entries = (int) littleEndian(file, 56, 2);
            for (int i = 0; i < entries; i++) {
                if (littleEndian(file, programHeaders + (long) i * entrySize, 4) == 3) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long littleEndian(RandomAccessFile file, long offset, int length) throws IOException {
        file.seek(offset);
        long value = 0;
        for (int i = 0; i < length; i++) {
            value |= (long) file.readUnsignedByte() << (8 * i);
        }
        return value;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
