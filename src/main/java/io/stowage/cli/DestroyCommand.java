package io.stowage.cli;

import io.stowage.engine.ecs.Cancellation;
import io.stowage.engine.ecs.Destroyer;
import io.stowage.engine.ecs.EcsEngine;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.deploy.DestroyPlan;
import io.stowage.model.design.Design;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = {"Plan, and with --apply make, the removal of what a deploy of the design made in ECS.",
                "Only what carries the design's names or Stowage's tags for it: its services (scaled to 0, then"
                        + " deleted), the standalone tasks its tasks started (stopped), the container instances and"
                        + " EC2 instances launched for its instances (deregistered, terminated), with"
                        + " --deregister-task-definitions the ACTIVE revisions of its families, and each cluster"
                        + " when nothing else is left in it. Nothing else is touched.",
                "Plan lines start with '-'. --apply removes in that order and stops at the first failure saying"
                        + " what was done and what was not; running it again removes the rest. Ctrl-C stops before"
                        + " the next step.",
                "Exit 0 when planned (or removed) in full, 1 when a step failed, 2 when the design cannot be read."})
final class DestroyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--apply", description = "Remove what the plan lists.")
    boolean apply;

    @Option(names = "--deregister-task-definitions", description = "Also deregister the ACTIVE revisions of the"
            + " design's task-definition families.")
    boolean deregister;

    @Mixin
    EcsOptions ecs;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Design design;
        try {
            design = DesignFormat.read(file).design();
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        try (EcsEngine engine = new EcsEngine(ecs.settings())) {
            return EcsProblems.run(err, () -> destroy(engine, design, out, err));
        }
    }

    private int destroy(EcsEngine engine, Design design, PrintWriter out, PrintWriter err) {
        DestroyPlan plan = engine.planDestroy(design, deregister);
        plan.steps().forEach(out::println);
        out.println(plan.summaryLine());
        out.flush();
        if (!apply || plan.isEmpty()) {
            return Cli.OK;
        }
        try (CancelOnCtrlC ctrlC = new CancelOnCtrlC("destroy")) {
            Cancellation cancellation = ctrlC.cancellation();
            List<Destroyer.Outcome> outcomes = engine.destroy(plan, new Destroyer.Listener() {
                @Override
                public void started(DestroyPlan.Step step, int number, int of) {
                    out.print("[" + number + "/" + of + "] " + step.summary() + " ... ");
                    out.flush();
                }

                @Override
                public void finished(DestroyPlan.Step step, String result) {
                    out.println("done: " + result);
                    out.flush();
                }
            }, cancellation);
            Destroyer.Outcome last = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
            if (last != null && last.failure() != null) {
                out.println("FAILED: " + last.failure());
                for (int i = outcomes.size(); i < plan.steps().size(); i++) {
                    out.println("not done: " + plan.steps().get(i).summary());
                }
                out.flush();
                err.println("stowage: error: destroy stopped at the first failure; run it again to remove the rest");
                err.flush();
                return Cli.FINDINGS;
            }
            if (outcomes.size() < plan.steps().size()) {
                out.println("Destroy stopped: " + outcomes.size() + " of " + plan.steps().size() + " removed");
                out.flush();
                return Cli.FINDINGS;
            }
            out.println("Destroy complete: " + outcomes.size() + " removed");
            out.flush();
            return Cli.OK;
        }
    }
}
