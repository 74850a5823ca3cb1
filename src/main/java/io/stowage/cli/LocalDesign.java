package io.stowage.cli;

import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;

import java.nio.file.Path;

/**
 * A design as the local-run commands use it: read from its file, with the key its containers are labelled by,
 * and the options for running it ({@link LocalRunSetup}, shared with the desktop).
 */
record LocalDesign(Path file, Design design, String key) {

    static LocalDesign load(Path file) throws UnreadableFileException {
        Design design = DesignFormat.read(file).design();
        return new LocalDesign(file, design, LocalEngine.designKey(design.name(), file));
    }

    Path directory() {
        return LocalRunSetup.directory(file);
    }

    LocalRunOptions options(PullBehavior pull, Path secretsFile, boolean publishAll, String instanceBase,
                            String taskBase) {
        return LocalRunSetup.options(file, pull, secretsFile, publishAll, instanceBase, taskBase);
    }

    static LocalEngine engine() {
        return new LocalEngine(DockerConnection.fromEnvironment());
    }
}
