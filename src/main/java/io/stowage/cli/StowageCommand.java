package io.stowage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "stowage", mixinStandardHelpOptions = true, versionProvider = StowageVersion.class,
        description = "Design Amazon ECS layouts, check them, run them on Docker and deploy them to ECS.%n"
                + "Without a command, java -jar stowage.jar opens the desktop application.",
        subcommands = {ValidateCommand.class, FmtCommand.class, ImportCommand.class, PlaceCommand.class,
                DeployCommand.class, DestroyCommand.class, WatchCommand.class,
                UpCommand.class, PsCommand.class, DownCommand.class, LogsCommand.class,
                ExportCommand.class})
final class StowageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: validate, fmt, import, place, up, ps, down, logs, deploy or watch");
    }
}
