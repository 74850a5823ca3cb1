package io.stowage.ui.live;

import io.stowage.engine.ecs.Cancellation;
import io.stowage.engine.ecs.DeployRefusedException;
import io.stowage.engine.ecs.EcsEngine;
import io.stowage.engine.ecs.EcsWatcher;
import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.GatedListener;
import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.JobProgress;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.ButtonType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The design on ECS, from the desktop: deploy (the plan first, then apply with progress), watch a cluster as
 * its agents report, import a cluster as a new design, stop a task, scale a service, and read awslogs lines
 * from CloudWatch Logs. Every AWS call runs as a background job or on a watcher's own thread.
 */
final class EcsControl {
    private final LiveContext context;
    private final Preferences preferences;
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper();
    private final List<EcsWatcher> watchers = new ArrayList<>();
    private EcsEngine engine;
    private EcsTarget target;
    private Design watchedDesign;
    private GatedListener gate;

    EcsControl(LiveContext context, Preferences preferences) {
        this.context = context;
        this.preferences = preferences;
    }

    ReadOnlyBooleanProperty watching() {
        return watching.getReadOnlyProperty();
    }

    void deploy() {
        Design design = context.design().get();
        Optional<EcsTarget> chosen = ask("Deploy " + design.name() + " to ECS", "Plan deploy", false);
        if (chosen.isEmpty()) {
            return;
        }
        EcsTarget where = chosen.get();
        context.jobs().start("Planning the deploy", progress -> {
            progress.report("Reading what " + where.describe() + " holds…", -1);
            EcsEngine planned = engine(where);
            return planned.plan(design);
        }, plan -> confirmAndApply(design, where, plan), failure -> context.problem().show(
                failure instanceof DeployRefusedException ? "This design cannot be deployed yet" : "The deploy could not be planned",
                refusal(failure)));
    }

    private void confirmAndApply(Design design, EcsTarget where, DeployPlan plan) {
        var dialog = DeployPlanDialog.create(context.owner().get(), plan, where.describe());
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != DeployPlanDialog.APPLY) {
            return;
        }
        EcsEngine applying = engine(where);
        context.jobs().start("Deploying " + design.name(), progress -> {
            Cancellation cancellation = new Cancellation();
            ApplyReport report = applying.apply(plan, new ProgressOfApply(progress, cancellation), cancellation);
            if (!report.succeeded()) {
                throw new IllegalStateException(String.join("\n", report.lines()));
            }
            return report;
        }, report -> watch(design, where, names(design)), failure -> context.problem().show(
                "The deploy stopped", failure.getMessage() + "\n\nDeploy again to finish the job: what was done is kept."));
    }

    void watchCluster() {
        Optional<EcsTarget> chosen = ask("Watch an ECS cluster", "Watch", true);
        chosen.ifPresent(where -> watch(context.design().get(), where, List.of(where.cluster())));
    }

    void importCluster() {
        Optional<EcsTarget> chosen = ask("Import an ECS cluster as a new design", "Import", true);
        if (chosen.isEmpty()) {
            return;
        }
        EcsTarget where = chosen.get();
        context.jobs().start("Importing " + where.cluster(), progress -> engine(where)
                        .importCluster(where.cluster(), where.cluster()),
                imported -> context.openDesign().accept(imported.design()),
                failure -> context.problem().show("The cluster could not be imported", refusal(failure)));
    }

    void stopTask(TaskState task) {
        EcsEngine current = engine;
        if (current == null) {
            return;
        }
        context.jobs().start("Stopping task " + task.shortId(), progress -> {
            current.stopTask(task.cluster(), task.taskArn(), "Task stopped by user from Stowage");
            return null;
        }, done -> { }, failure -> context.problem().show("The task could not be stopped", refusal(failure)));
    }

    void scale(TaskState task, int desiredCount) {
        EcsEngine current = engine;
        if (current == null || task.serviceName() == null) {
            return;
        }
        context.jobs().start("Scaling " + task.serviceName() + " to " + desiredCount, progress -> {
            current.scaleService(task.cluster(), task.serviceName(), desiredCount);
            return null;
        }, done -> { }, failure -> context.problem().show("The service could not be scaled", refusal(failure)));
    }

    private void watch(Design design, EcsTarget where, List<String> clusters) {
        stopWatching();
        EcsEngine watchingEngine = engine(where);
        watchedDesign = design;
        context.live().model().clear();
        context.live().useLogSource(() -> cloudWatch(watchingEngine));
        GatedListener reports = new GatedListener(context.live().listener());
        gate = reports;
        context.jobs().start("Watching " + String.join(", ", clusters), progress -> {
            List<EcsWatcher> started = new ArrayList<>();
            for (String cluster : clusters) {
                EcsWatcher watcher = watchingEngine.watcher(cluster, reports, EcsWatcher.Options.DEFAULTS);
                watcher.start();
                started.add(watcher);
            }
            return started;
        }, started -> {
            if (gate != reports) {
                stopInBackground(started); // watching was stopped, or another watch begun, while these started
                return;
            }
            watchers.addAll(started);
            watching.set(true);
        }, failure -> context.problem().show("The cluster could not be watched", refusal(failure)));
    }

    private LogSource cloudWatch(EcsEngine source) {
        return (task, container, tail, follow, sink) -> {
            Design design = watchedDesign;
            TaskDefinition definition = design == null ? null : design.taskDefinition(task.family()).orElse(null);
            if (definition == null) {
                throw new IllegalStateException("the design has no task definition " + task.family()
                        + ", so where " + container + " logs is unknown");
            }
            return source.logs(definition, container, task.taskId(), tail, follow, sink);
        };
    }

    private Optional<EcsTarget> ask(String title, String action, boolean askCluster) {
        EcsTarget start = EcsTarget.remembered(preferences);
        var dialog = EcsTargetDialog.create(context.owner().get(), title, action, start, askCluster);
        Optional<EcsTarget> chosen = dialog.showAndWait();
        chosen.ifPresent(t -> t.remember(preferences));
        return chosen;
    }

    /** One engine per target, kept while the target stays the same. */
    private synchronized EcsEngine engine(EcsTarget where) {
        if (engine == null || !where.equals(target)) {
            if (engine != null) {
                engine.close();
            }
            engine = new EcsEngine(where.settings());
            target = where;
        }
        return engine;
    }

    /**
     * Stops the watchers without waiting on the JavaFX thread: their reports stop reaching the live view at once,
     * and their threads end on their own once a call under way returns.
     */
    void stopWatching() {
        if (gate != null) {
            gate.close();
            gate = null;
        }
        stopInBackground(List.copyOf(watchers));
        watchers.clear();
        watching.set(false);
    }

    private static void stopInBackground(List<EcsWatcher> stopping) {
        if (!stopping.isEmpty()) {
            Thread stopper = new Thread(() -> stopping.forEach(EcsWatcher::stop), "stowage-ecs-watch-stop");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    private static List<String> names(Design design) {
        return design.clusters().stream().map(Cluster::name).toList();
    }

    private static String refusal(Exception failure) {
        if (failure instanceof DeployRefusedException refused) {
            return failure.getMessage() + "\n\n" + String.join("\n", refused.reasons());
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** Shows each change as it is made, and turns the user's cancel into a stop before the next change. */
    private record ProgressOfApply(JobProgress progress, Cancellation cancellation) implements ApplyListener {
        @Override
        public void started(PlannedChange change, int index, int total) {
            if (progress.cancelled()) {
                cancellation.cancel();
            }
            progress.report("(" + index + "/" + total + ") " + change.summary(), (index - 1) / (double) total);
        }

        @Override
        public void progress(PlannedChange change, String message) {
            if (progress.cancelled()) {
                cancellation.cancel();
            }
            progress.report(change.summary() + ": " + message, -1);
        }
    }
}
