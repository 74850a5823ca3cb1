package io.stowage.cli;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.ecs.EcrLogin;
import io.stowage.engine.local.BuildSpec;
import io.stowage.engine.local.DesignImages;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.ImageException;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.engine.local.TaskSetupException;
import io.stowage.format.FileWriteException;
import io.stowage.format.PushedImagesFile;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.deploy.PushedImages;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code stowage build} and {@code stowage push} share: the design (named, or the one {@code *.stowage.json}
 * of the current folder), its builds, the engine and registry credentials, and the record of pushed digests
 * beside the design ({@link PushedImagesFile}).
 */
final class ImageWork {
    private final String command;
    private final PrintWriter out;
    private final PrintWriter err;

    ImageWork(String command, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.out = out;
        this.err = err;
    }

    /** The named design, or the only {@code *.stowage.json} in the current folder. */
    static Path designFile(Path given) throws UnreadableFileException {
        if (given != null) {
            return given;
        }
        Path here = Path.of("").toAbsolutePath();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(here, "*.stowage.json")) {
            files.forEach(found::add);
        } catch (IOException e) {
            throw new UnreadableFileException(here, null, "cannot list the folder: " + e.getMessage());
        }
        if (found.size() != 1) {
            throw new UnreadableFileException(here, null, (found.isEmpty() ? "no *.stowage.json design here"
                    : found.size() + " *.stowage.json designs here") + "; name the design: stowage "
                    + "build DESIGN");
        }
        return found.get(0);
    }

    /**
     * Builds (when {@code build}) and pushes (when {@code push}) every image the design builds, recording each
     * pushed digest as soon as it is known.
     *
     * @return the exit code
     */
    int run(Path given, Path dockerConfig, io.stowage.engine.ecs.EcsSettings aws, boolean build, boolean push) {
        Path file;
        Design design;
        PushedImages records;
        Path recordFile;
        try {
            file = designFile(given);
            design = DesignFormat.read(file).design();
            recordFile = PushedImagesFile.beside(file);
            // Read before anything is pushed: a record file that cannot be read is refused, never overwritten.
            records = push ? PushedImagesFile.read(recordFile) : PushedImages.NONE;
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        LocalRunOptions options = LocalRunSetup.options(file, PullBehavior.DEFAULT, null, false, "127.0.1", "127.0.2")
                .withRegistryLogin(new EcrLogin(aws));
        if (dockerConfig != null) {
            options = options.withDockerConfigDir(dockerConfig);
        }
        DesignImages images = DesignImages.of(design, DockerConnection.fromEnvironment(), options);
        images.problems().forEach(p -> err.println(file + ": warning: " + p));
        err.flush();
        if (images.builds().isEmpty()) {
            out.println(file + ": nothing to " + command + ": no service or task entry has imageBuilds"
                    + " (docs/design-file.md, Image builds)");
            out.flush();
            return Cli.OK;
        }
        int built = 0;
        int pushed = 0;
        try {
            for (BuildSpec spec : images.builds()) {
                String imageId;
                if (build) {
                    imageId = images.build(spec, this::line, l -> line("  " + l));
                    built++;
                } else {
                    imageId = images.imageId(spec.image());
                    if (imageId == null) {
                        err.println("stowage " + command + ": " + spec.image() + " is not built on this Docker"
                                + " engine; stowage build " + file + " builds it (or build --push does both)");
                        err.flush();
                        return Cli.FINDINGS;
                    }
                }
                if (push) {
                    String digest = images.push(spec.image(), repositoryCredentials(design, spec.image()), this::line);
                    records = records.with(spec.image(), new PushedImages.Pushed(digest, imageId, Instant.now()));
                    PushedImagesFile.write(recordFile, records);
                    pushed++;
                }
            }
        } catch (ImageException | TaskSetupException e) {
            err.println("stowage " + command + ": " + e.getMessage());
            summary(built, pushed, build, push, recordFile);
            err.flush();
            return Cli.FINDINGS;
        } catch (EngineUnavailableException e) {
            err.println("stowage " + command + ": " + e.getMessage());
            err.flush();
            return Cli.NO_ENGINE;
        } catch (FileWriteException e) {
            err.println("stowage " + command + ": the pushed digest could not be recorded: " + e.getMessage());
            err.flush();
            return Cli.FINDINGS;
        }
        summary(built, pushed, build, push, recordFile);
        return Cli.OK;
    }

    private void summary(int built, int pushed, boolean build, boolean push, Path recordFile) {
        List<String> parts = new ArrayList<>();
        if (build) {
            parts.add("built " + built + " image" + (built == 1 ? "" : "s"));
        }
        if (push) {
            parts.add("pushed " + pushed + (pushed > 0 ? ", digests recorded in " + recordFile
                    + " (stowage deploy registers image@digest; --images tag keeps the tag)" : ""));
        }
        String line = String.join("; ", parts);
        out.println(Character.toUpperCase(line.charAt(0)) + line.substring(1));
        out.flush();
    }

    /** The repositoryCredentials secret of a container that names the image, if one has it. */
    private static String repositoryCredentials(Design design, String image) {
        for (TaskDefinition td : design.taskDefinitionList()) {
            for (ContainerDefinition c : td.containerDefinitions()) {
                if (image.equals(c.image()) && c.repositoryCredentials() != null
                        && c.repositoryCredentials().credentialsParameter() != null) {
                    return c.repositoryCredentials().credentialsParameter();
                }
            }
        }
        return null;
    }

    private void line(String text) {
        out.println(text);
        out.flush();
    }
}
