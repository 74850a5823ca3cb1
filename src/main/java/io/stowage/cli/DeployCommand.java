package io.stowage.cli;

import io.stowage.engine.ecs.Cancellation;
import io.stowage.engine.ecs.EcsEngine;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.deploy.PushedImages;
import io.stowage.format.PushedImagesFile;
import io.stowage.model.design.Design;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.List;
import io.stowage.engine.ecs.RolloutWaiter;
import io.stowage.model.deploy.Rollout;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a design to ECS: show the plan, and with --apply make it so.",
                "Every validation rule runs first; a design with errors (template placeholders included) is refused,"
                        + " listing them all. The plan compares the design with what ECS holds: clusters, EC2"
                        + " capacity (instances from the ECS-optimised AMI, or existing ones attached), task-definition"
                        + " revisions (registered only when their content differs from the latest ACTIVE one),"
                        + " services and standalone tasks. It creates and updates; it deletes only with --prune.",
                "--prune also deletes the services (scaled to 0 first) and stops the standalone tasks that a deploy"
                        + " of this design made in its clusters (they carry the tag stowage:design with the design's"
                        + " id) and that the design no longer has: '-' plan lines, made after everything else. Nothing"
                        + " without that tag is touched, whatever its name.",
                "What the design leaves out is picked as the ECS console does, each a plan line saying where it"
                        + " came from: awsvpc subnets and security group from the default VPC, the roles"
                        + " ecsTaskExecutionRole and ecsInstanceRole (with its instance profile) when missing, and the"
                        + " CloudWatch log groups of awslogs containers. A task definition that needs a task"
                        + " execution role (secrets, awslogs, an ECR image on Fargate...) and names none is"
                        + " registered with the account's ecsTaskExecutionRole; its plan line says so.",
                "Images that stowage push recorded in DESIGN's .images.json are registered as repository@sha256:..."
                        + " (--images tag keeps the tag); the plan says which, one note per image.",
                "Each service update that starts a rolling deployment (a new revision, network, placement...) is"
                        + " simulated first, from the revision ECS runs to the designed one with the designed"
                        + " minimumHealthyPercent and maximumPercent on the designed capacity: a 'warning:' line says"
                        + " when it would stall (with ECS's placement sentence) or when the deployment circuit breaker"
                        + " would fail it (and roll back). A warning does not stop the deploy.",
                "Plan lines: '+' create, '~' update, '-' delete (--prune), '!' cannot be done (with what to do); the last"
                        + " line counts them,"
                        + " e.g. 'Plan: 3 to create, 1 to update, 0 unchanged'. Nothing changes without --apply.",
                "--apply makes the changes in order, one line each, and stops at the first failure saying what was"
                        + " done and what was not; running it again finishes the job. Ctrl-C stops before the next"
                        + " change.",
                "After --apply, each created or updated service's rollout is followed until ECS says COMPLETED or"
                        + " FAILED (circuit breaker, tasks failing to start), with its events and stopped tasks'"
                        + " reasons as they come; --no-wait skips that.",
                "Exit 0 when planned (or applied and rolled out) in full, 1 when refused, blocked or failed, 2 when"
                        + " the design cannot be read, 5 when a rollout FAILED, 6 when a rollout was still in progress"
                        + " at --wait-timeout or when Ctrl-C stopped the wait."})
final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--apply", description = "Make the planned changes.")
    boolean apply;

    @Option(names = "--no-create-roles", description = "Do not create the console's default roles"
            + " (ecsTaskExecutionRole, ecsInstanceRole and its instance profile) when the design needs them and they"
            + " are missing: what needs them is blocked instead.")
    boolean noCreateRoles;

    @Option(names = "--prune", description = "Delete the services and stop the standalone tasks this design"
            + " deployed and no longer has (only those tagged stowage:design with its id).")
    boolean prune;

    @Option(names = "--no-wait", description = "Return when the changes are made, without following the"
            + " services' rollouts.")
    boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "15m", description = "How long to follow"
            + " the rollouts (e.g. 90s, 15m, 1h; default ${DEFAULT-VALUE}).")
    String waitTimeout;

    @Option(names = "--images", paramLabel = "digest|tag", defaultValue = "digest", description = "For the images"
            + " stowage push recorded in DESIGN's .images.json: digest registers repository@sha256:... (tasks run"
            + " exactly what was pushed), tag registers the image as the design names it (default: ${DEFAULT-VALUE}).")
    String images;

    @Mixin
    EcsOptions ecs;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path file;

    /** A rollout ended FAILED (circuit breaker, tasks failing to start). */
    static final int ROLLOUT_FAILED = 5;
    /** A rollout was still in progress when the wait timed out or was stopped with Ctrl-C. */
    static final int ROLLOUT_UNFINISHED = 6;

    @Override
    public Integer call() {
        Duration timeout;
        try {
            timeout = duration(waitTimeout);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--wait-timeout: " + e.getMessage());
        }
        waitFor = timeout;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PushedImages.Pinning pinning = switch (images) {
            case "digest" -> PushedImages.Pinning.DIGEST;
            case "tag" -> PushedImages.Pinning.TAG;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--images: expected digest or tag, got '" + images + "'");
        };
        Design read;
        try {
            read = DesignFormat.read(file).design();
            Path recordFile = PushedImagesFile.beside(file);
            PushedImages.Pinned pinned = PushedImagesFile.read(recordFile)
                    .pin(read, pinning, recordFile.getFileName().toString());
            read = pinned.design();
            imageNotes = pinned.notes();
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        Design design = read;
        try (EcsEngine engine = new EcsEngine(ecs.settings(),
                io.stowage.engine.ecs.ApplyOptions.DEFAULTS.withCreateRoles(!noCreateRoles).withPrune(prune))) {
            return EcsProblems.run(err, () -> deploy(engine, design, out, err));
        }
    }

    private Duration waitFor;
    /** Which reference each pushed image is registered with, said with the plan. */
    private List<String> imageNotes = List.of();

    /** {@code 90s}, {@code 15m}, {@code 1h}, or seconds alone. */
    static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smh]?)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 90s, 15m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private int awaitRollouts(EcsEngine engine, ApplyReport report, PrintWriter out, Cancellation cancellation) {
        var targets = RolloutWaiter.targets(report);
        if (targets.isEmpty()) {
            return Cli.OK;
        }
        out.println("Waiting for the rollout of " + targets.size() + " service(s), up to " + waitTimeout
                + " (Ctrl-C stops waiting; what was made stays)");
        out.flush();
        List<RolloutWaiter.Result> results = engine.awaitRollouts(report, waitFor, (cluster, service, line) -> {
            out.println("  " + cluster + "/" + service + ": " + line);
            out.flush();
        }, cancellation);
        int failed = 0;
        int unfinished = 0;
        for (RolloutWaiter.Result r : results) {
            out.println("Rollout " + r.outcome() + ": " + r.cluster() + "/" + r.service() + ": " + r.words());
            if (r.outcome() == Rollout.Outcome.FAILED) {
                failed++;
            } else if (r.outcome() == Rollout.Outcome.IN_PROGRESS) {
                unfinished++;
            }
        }
        out.println("Rollouts: " + (results.size() - failed - unfinished) + " completed, " + failed + " failed, "
                + unfinished + (cancellation.isCancelled() ? " still in progress (stopped waiting)"
                : unfinished > 0 ? " still in progress after " + waitTimeout : " in progress"));
        out.flush();
        return failed > 0 ? ROLLOUT_FAILED : unfinished > 0 ? ROLLOUT_UNFINISHED : Cli.OK;
    }

    private int deploy(EcsEngine engine, Design design, PrintWriter out, PrintWriter err) {
        DeployPlan planned = engine.plan(design);
        List<String> notes = new java.util.ArrayList<>(imageNotes);
        notes.addAll(planned.notes());
        DeployPlan plan = new DeployPlan(planned.changes(), notes, planned.warnings());
        print(plan, out);
        if (!plan.blocked().isEmpty()) {
            out.println(plan.summaryLine());
            err.println("stowage: error: " + plan.blocked().size() + " change(s) cannot be made; see the '!' lines");
            err.flush();
            out.flush();
            return Cli.FINDINGS;
        }
        if (!apply || !plan.hasChanges()) {
            out.println(plan.summaryLine());
            out.flush();
            return Cli.OK;
        }
        out.println(plan.summaryLine());
        // Ctrl-C cancels before the next change; the hook holds the JVM until the account is printed.
        try (CancelOnCtrlC ctrlC = new CancelOnCtrlC("deploy")) {
            Cancellation cancellation = ctrlC.cancellation();
            ApplyReport report = engine.apply(plan, new Progress(out), cancellation);
            report.lines().stream().filter(l -> !l.startsWith("done: ")).forEach(out::println);
            out.flush();
            if (!report.succeeded()) {
                return Cli.FINDINGS;
            }
            return noWait ? Cli.OK : awaitRollouts(engine, report, out, cancellation);
        }
    }

    private static void print(DeployPlan plan, PrintWriter out) {
        for (PlannedChange change : plan.changes()) {
            if (change.action() == PlannedChange.Action.UNCHANGED) {
                continue;
            }
            out.println(change);
            change.details().forEach(d -> out.println("    " + d));
        }
        plan.notes().forEach(n -> out.println("note: " + n));
        plan.warnings().forEach(w -> out.println("warning: " + w));
    }

    /** One line per change: {@code [3/12] create service demo/web ... done: ARN}. */
    private record Progress(PrintWriter out) implements ApplyListener {
        @Override
        public void started(PlannedChange change, int index, int total) {
            out.print("[" + index + "/" + total + "] " + change.summary() + " ... ");
            out.flush();
        }

        @Override
        public void progress(PlannedChange change, String message) {
            out.print("(" + message + ") ");
            out.flush();
        }

        @Override
        public void finished(PlannedChange change, String outcome) {
            out.println(outcome == null || outcome.isEmpty() ? "done" : "done: " + outcome);
            out.flush();
        }

        @Override
        public void failed(PlannedChange change, String reason) {
            out.println("failed");
            out.flush();
        }
    }
}
