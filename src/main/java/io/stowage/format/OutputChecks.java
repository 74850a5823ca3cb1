package io.stowage.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Checks on where a command is about to write: never over one of the files it reads. The same file is told by
 * the file system's identity (device and inode), so a symbolic link, a hard link, {@code ./x} or another
 * spelling of an input is refused as the input itself.
 */
public final class OutputChecks {
    private OutputChecks() {
    }

    /** Throws when {@code output} is one of {@code inputs}; a file that does not exist yet is none of them. */
    public static void refuseInputs(Path output, Collection<Path> inputs) throws FileWriteException {
        for (Path input : inputs) {
            if (input != null && sameFile(output, input)) {
                String spelled = input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())
                        ? "it is the input " + input : "it is the input " + input + " under another name";
                throw new FileWriteException(output, true, spelled + "; choose another output");
            }
        }
    }

    /** Whether both paths name one existing file (links followed). */
    public static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
