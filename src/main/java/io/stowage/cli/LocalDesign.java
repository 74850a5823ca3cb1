package io.stowage.cli;

import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.TaskEndpoints;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;

import java.nio.file.Path;

/**
 * A design as the local-run commands use it: read from its file, with the key its containers are labelled by
 * (from the design's identity, else its path: {@link LocalEngine#designKey(Design, Path)}), and the options for running it ({@link LocalRunSetup}, shared with the desktop).
 */
record LocalDesign(Path file, Design design, String key) {

    static LocalDesign load(Path file) throws UnreadableFileException {
        Design design = DesignFormat.read(file).design();
        return new LocalDesign(file, design, LocalEngine.designKey(design, file));
    }

    /**
     * The key of the file's path, which a run of the design had before the design had an identity (or what a run
     * of it got from a Stowage before identities); the same as {@link #key()} for such a design.
     */
    String pathKey() {
        return LocalEngine.designKey(design.name(), file);
    }

    /** Whether a run may also be found under {@link #pathKey()}: the design has an identity its old run lacked. */
    boolean hasOtherPathKey() {
        return !pathKey().equals(key);
    }

    Path directory() {
        return LocalRunSetup.directory(file);
    }

    LocalRunOptions options(PullBehavior pull, Path secretsFile, boolean publishAll, String instanceBase,
                            String taskBase) {
        return LocalRunSetup.options(file, pull, secretsFile, publishAll, instanceBase, taskBase);
    }

    /** The options of a run the local agent's endpoints serve (task metadata, task roles, execution roles). */
    LocalRunOptions options(PullBehavior pull, Path secretsFile, boolean publishAll, String instanceBase,
                            String taskBase, TaskEndpoints endpoints, RoleAssumer roles) {
        return LocalRunSetup.options(file, pull, secretsFile, publishAll, instanceBase, taskBase, endpoints, roles);
    }

    static LocalEngine engine() {
        return new LocalEngine(DockerConnection.fromEnvironment());
    }

    /** What a local-run command does once its design is read; returns the command's exit code. */
    interface Work {
        int run(LocalDesign local, LocalEngine engine) throws InterruptedException;
    }

    /**
     * Reads the design and does {@code work} on the local engine, turning the two user errors every local-run
     * command shares into one line and their exit codes: a design that cannot be read (2), no engine (4).
     */
    static int run(String command, Path file, java.io.PrintWriter err, Work work) throws InterruptedException {
        try {
            return work.run(load(file), engine());
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            return Cli.UNUSABLE_INPUT;
        } catch (io.stowage.engine.EngineUnavailableException e) {
            err.println("stowage " + command + ": " + e.getMessage());
            return Cli.NO_ENGINE;
        } finally {
            err.flush();
        }
    }
}
