package io.stowage.cli;

import io.stowage.engine.local.LogStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the logs of a container of a design's local run.",
                "CONTAINER is a container definition name (every task's container of that name, each line prefixed "
                        + "with SERVICE/TASK), TASKID/NAME, or a Docker container name or id.",
                "Exit 0, 1 when no such container runs, 2 when the design cannot be read, 4 when no Docker engine "
                        + "answers."})
final class LogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "A *.stowage.json design.")
    Path designFile;

    @Parameters(index = "1", paramLabel = "CONTAINER", description = "Which container.")
    String container;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return LocalDesign.run("logs", designFile, err, (local, engine) -> {
            java.util.function.Consumer<String> print = line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            };
            LogStream stream;
            try {
                stream = engine.logs(local.key(), container, follow, print);
            } catch (IllegalArgumentException noSuchContainer) {
                if (!local.hasOtherPathKey()) {
                    err.println("stowage logs: " + noSuchContainer.getMessage());
                    return Cli.FINDINGS;
                }
                try {
                    // A run started before the design had its identity is keyed by the file's path.
                    stream = engine.logs(local.pathKey(), container, follow, print);
                } catch (IllegalArgumentException notThereEither) {
                    err.println("stowage logs: " + noSuchContainer.getMessage());
                    return Cli.FINDINGS;
                }
            }
            try (LogStream following = stream) {
                following.await();
            }
            out.flush();
            return Cli.OK;
        });
    }
}
