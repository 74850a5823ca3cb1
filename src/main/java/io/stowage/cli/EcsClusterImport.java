package io.stowage.cli;

import io.stowage.engine.ecs.EcsEngine;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.DesignNote;
import io.stowage.model.design.ImportedDesign;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code stowage import --ecs-cluster NAME -o DESIGN}: a running cluster read into a new design. */
final class EcsClusterImport {
    private EcsClusterImport() {
    }

    static int run(CommandSpec spec, String cluster, List<Path> files, EcsOptions ecs, Path output, String name) {
        if (cluster == null) {
            throw new ParameterException(spec.commandLine(), "give task-definition files or --ecs-cluster NAME");
        }
        if (files != null && !files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give task-definition files or --ecs-cluster, not both");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EcsEngine engine = new EcsEngine(ecs.settings())) {
            return EcsProblems.run(err, () -> {
                ImportedDesign imported = engine.importCluster(cluster, name);
                try {
                    DesignFormat.write(DesignIdentity.forOutput(imported.design(), output), output);
                } catch (IOException e) {
                    err.println(Problems.writeLine(output, e));
                    err.flush();
                    return Cli.UNUSABLE_INPUT;
                }
                for (DesignNote note : imported.notes()) {
                    out.println("note: " + note);
                }
                var c = imported.design().clusters().get(0);
                out.println("wrote " + output + ": cluster " + cluster + " with " + c.services().size()
                        + " service(s), " + c.instances().size() + " instance(s), " + c.tasks().size()
                        + " standalone task(s), " + imported.design().taskDefinitions().size() + " task definition(s)");
                out.flush();
                return Cli.OK;
            });
        }
    }
}
