package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The image of the awsvpc pause container. The agent loads {@code amazon/amazon-ecs-pause} from a tarball it
 * ships instead of pulling it (ecs-semantics §2); Stowage likewise makes its own on the engine, without a
 * registry: an empty file system holding one static program that sleeps forever in {@code pause(2)} (x86-64) or
 * {@code ppoll(2)} (arm64). It holds no state, so it is stopped with SIGKILL.
 */
final class PauseImage {
    static final String NAME = "stowage-local/amazon-ecs-pause:0.1.0";
    private static final long BASE = 0x400000L;
    private static final int HEADERS = 64 + 56;

    /** The engines known to have it, by client. */
    private static final java.util.Set<DockerClient> PRESENT =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private PauseImage() {
    }

    static synchronized String ensure(DockerClient docker, String architecture) {
        if (PRESENT.contains(docker)) {
            return NAME;
        }
        try {
            docker.inspectImageCmd(NAME).exec();
        } catch (NotFoundException missing) {
            build(docker, architecture);
        }
        PRESENT.add(docker);
        return NAME;
    }

    private static void build(DockerClient docker, String architecture) {
        byte[] dockerfile = "FROM scratch\nCOPY pause /pause\nENTRYPOINT [\"/pause\"]\n".getBytes(StandardCharsets.UTF_8);
        byte[] context;
        try (var bytes = new ByteArrayOutputStream(); var tar = new TarArchiveOutputStream(bytes)) {
            add(tar, "Dockerfile", 0644, dockerfile);
            add(tar, "pause", 0755, elf(architecture));
            tar.finish();
            context = bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker.buildImageCmd().withTarInputStream(new ByteArrayInputStream(context)).withTags(Set.of(NAME))
                .withPull(false).withRemove(true).exec(new BuildImageResultCallback())
                .awaitImageId(2, TimeUnit.MINUTES);
    }

    private static void add(TarArchiveOutputStream tar, String name, int mode, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setSize(content.length);
        entry.setModTime(1_700_000_000_000L);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** A minimal static ELF64 executable: one loadable segment holding the headers and the loop. */
    static byte[] elf(String architecture) {
        boolean arm = "aarch64".equals(architecture) || "arm64".equals(architecture);
        byte[] code = arm ? armLoop() : new byte[]{
                (byte) 0xb8, 0x22, 0, 0, 0,   // mov eax, 34 (pause)
                0x0f, 0x05,                   // syscall
                (byte) 0xeb, (byte) 0xf7};    // jmp back to the mov
        int size = HEADERS + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2);                       // ET_EXEC
        b.putShort((short) (arm ? 0xb7 : 0x3e));     // EM_AARCH64 / EM_X86_64
        b.putInt(1);
        b.putLong(BASE + HEADERS);                   // entry
        b.putLong(64);                               // program headers
        b.putLong(0);                                // no section headers
        b.putInt(0);
        b.putShort((short) 64);
        b.putShort((short) 56);
        b.putShort((short) 1);
        b.putShort((short) 0);
        b.putShort((short) 0);
        b.putShort((short) 0);
        b.putInt(1);                                 // PT_LOAD
        b.putInt(5);                                 // read + execute
        b.putLong(0);
        b.putLong(BASE);
        b.putLong(BASE);
        b.putLong(size);
        b.putLong(size);
        b.putLong(0x1000);
        b.put(code);
        return b.array();
    }

    private static byte[] armLoop() {
        int[] words = {
                0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, // x0..x3 = 0: ppoll(NULL, 0, NULL, NULL)
                0xd2800928,                                      // x8 = 73 (ppoll)
                0xd4000001,                                      // svc #0
                0x17fffffa};                                     // b back to the first mov
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }
}
