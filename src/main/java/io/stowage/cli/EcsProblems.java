package io.stowage.cli;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.ecs.DeployRefusedException;
import io.stowage.engine.ecs.EcsRequestException;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** Runs an ECS command's work and prints what went wrong as the user acts on it: one line each, no trace. */
final class EcsProblems {
    private EcsProblems() {
    }

    /** The work's exit code, or 1 after printing why AWS refused or could not be reached or the design was refused. */
    static int run(PrintWriter err, Supplier<Integer> work) {
        try {
            return work.get();
        } catch (DeployRefusedException e) {
            err.println("stowage: error: " + e.getMessage());
        } catch (EcsRequestException | EngineUnavailableException e) {
            err.println("stowage: error: " + e.getMessage());
        }
        err.flush();
        return Cli.FINDINGS;
    }
}
