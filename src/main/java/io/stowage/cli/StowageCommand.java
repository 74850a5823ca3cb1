package io.stowage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "stowage", mixinStandardHelpOptions = true, versionProvider = StowageVersion.class,
        description = "Design Amazon ECS layouts, check them, run them on Docker and deploy them to ECS.%n"
                + "Without a command, java -jar stowage.jar opens the desktop application.",
        subcommands = {ValidateCommand.class, FmtCommand.class, ImportCommand.class, PlaceCommand.class,
                SimulateCommand.class, BuildCommand.class, PushCommand.class, DeployCommand.class,
                DestroyCommand.class, WatchCommand.class,
                UpCommand.class, PsCommand.class, DownCommand.class, LogsCommand.class, AgentCommand.class,
                ExportCommand.class})
final class StowageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Read by {@link Cli#run} before the command runs; here so that every command accepts and documents it. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log what Stowage does to standard error, at DEBUG (the log file is written either way).")
    boolean verbose;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: validate, fmt, import, place, simulate, up, ps, down, logs, agent, build, push, deploy, destroy, watch or export");
    }
}
