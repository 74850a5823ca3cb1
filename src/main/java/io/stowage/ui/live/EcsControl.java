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
import io.stowage.ui.common.TaskExecutor;
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
 * from CloudWatch Logs. Every AWS call runs as a background job (one ECS action at a time) or on a watcher's own
 * thread. The engine of a target (its AWS clients) is shared by what uses it, and closed once the last of them
 * is done with it, not when the user picks another target while a watch still reads through it.
 */
final class EcsControl {
    /** Plan, deploy, import, watch, stop a task, scale: one at a time. */
    static final TaskExecutor.Lane ECS = TaskExecutor.Lane.refusing("one ECS action at a time");
    private final LiveContext context;
    private final Preferences preferences;
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper();
    private final List<EcsWatcher> watchers = new ArrayList<>();
    /** The engine of the last target chosen; written under this object's lock, read on any thread. */
    private volatile SharedEngine current;
    /** What the watch holds: its engine, let go once its watchers stopped. */
    private SharedEngine.Lease watchLease;
    private volatile Design watchedDesign;
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
        SharedEngine.Lease lease = engine(where);
        ecsJob("Planning the deploy", "Cannot plan the deploy now", progress -> {
            progress.report("Reading what " + where.describe() + " holds…", -1);
            return lease.engine().plan(design);
        }).onSuccess(plan -> confirmAndApply(design, where, plan)).onFailure(failure -> context.problem().show(
                failure instanceof DeployRefusedException ? "This design cannot be deployed yet" : "The deploy could not be planned",
                refusal(failure))).start().ifPresentOrElse(job -> job.whenEnded(lease::release), lease::release);
    }

    /** A job in the ECS lane; {@code refused} heads what the user reads when another ECS action holds it. */
    private <T> TaskExecutor.BackgroundTask<T> ecsJob(String title, String refused, io.stowage.ui.common.Job<T> job) {
        return context.jobs().task(title, job).in(ECS).refusedAs(refused);
    }

    private void confirmAndApply(Design design, EcsTarget where, DeployPlan plan) {
        var dialog = DeployPlanDialog.create(context.owner().get(), plan, where.describe());
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != DeployPlanDialog.APPLY) {
            return;
        }
        SharedEngine.Lease lease = engine(where);
        ecsJob("Deploying " + design.name(), "Cannot deploy now", progress -> {
            Cancellation cancellation = new Cancellation();
            ApplyReport report = lease.engine().apply(plan, new ProgressOfApply(progress, cancellation), cancellation);
            if (!report.succeeded()) {
                throw new IllegalStateException(String.join("\n", report.lines()));
            }
            return report;
        }).onSuccess(report -> watch(design, where, names(design))).onFailure(failure -> context.problem().show(
                "The deploy stopped", failure.getMessage() + "\n\nDeploy again to finish the job: what was done is kept."))
                .start().ifPresentOrElse(job -> job.whenEnded(lease::release), lease::release);
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
        SharedEngine.Lease lease = engine(where);
        ecsJob("Importing " + where.cluster(), "Cannot import the cluster now", progress -> lease.engine()
                .importCluster(where.cluster(), where.cluster()))
                .onSuccess(imported -> context.openDesign().accept(imported.design()))
                .onFailure(failure -> context.problem().show("The cluster could not be imported", refusal(failure)))
                .start().ifPresentOrElse(job -> job.whenEnded(lease::release), lease::release);
    }

    void stopTask(TaskState task) {
        SharedEngine.Lease lease = leaseOfCurrent();
        if (lease == null) {
            context.problem().show("Cannot stop the task", "Stowage watches no ECS cluster now.");
            return;
        }
        ecsJob("Stopping task " + task.shortId(), "Cannot stop task " + task.shortId() + " now", progress -> {
            lease.engine().stopTask(task.cluster(), task.taskArn(), "Task stopped by user from Stowage");
            return null;
        }).onFailure(failure -> context.problem().show("The task could not be stopped", refusal(failure)))
                .start().ifPresentOrElse(job -> job.whenEnded(lease::release), lease::release);
    }

    void scale(TaskState task, int desiredCount) {
        if (task.serviceName() == null) {
            return;
        }
        SharedEngine.Lease lease = leaseOfCurrent();
        if (lease == null) {
            context.problem().show("Cannot scale the service", "Stowage watches no ECS cluster now.");
            return;
        }
        ecsJob("Scaling " + task.serviceName() + " to " + desiredCount, "Cannot scale "
                + task.serviceName() + " now", progress -> {
            lease.engine().scaleService(task.cluster(), task.serviceName(), desiredCount);
            return null;
        }).onFailure(failure -> context.problem().show("The service could not be scaled", refusal(failure)))
                .start().ifPresentOrElse(job -> job.whenEnded(lease::release), lease::release);
    }

    private void watch(Design design, EcsTarget where, List<String> clusters) {
        SharedEngine.Lease lease = engine(where);
        GatedListener reports = new GatedListener(context.live().listener());
        var accepted = ecsJob("Watching " + String.join(", ", clusters), "Cannot watch now", progress -> {
            List<EcsWatcher> started = new ArrayList<>();
            for (String cluster : clusters) {
                EcsWatcher watcher = lease.engine().watcher(cluster, reports, EcsWatcher.Options.DEFAULTS);
                watcher.start();
                started.add(watcher);
            }
            return started;
        }).onSuccess(started -> {
            if (gate != reports) {
                // Watching was stopped, or another watch begun, while these started.
                stopInBackground(started, lease);
                return;
            }
            watchers.addAll(started);
            watchLease = lease;
            watching.set(true);
        }).onFailure(failure -> {
            lease.release();
            context.problem().show("The cluster could not be watched", refusal(failure));
        }).onCancelled(lease::release).start();
        if (accepted.isEmpty()) {
            lease.release();
            return;
        }
        // Reports of the new watch reach the JavaFX thread only after this: the old watch's are shut out first.
        stopWatching();
        gate = reports;
        watchedDesign = design;
        context.live().model().clear();
        context.live().useLogSource(() -> cloudWatch(lease.shared()));
    }

    private LogSource cloudWatch(SharedEngine source) {
        return (task, container, tail, follow, sink) -> {
            Design design = watchedDesign;
            TaskDefinition definition = design == null ? null : design.taskDefinition(task.family()).orElse(null);
            if (definition == null) {
                throw new IllegalStateException("the design has no task definition " + task.family()
                        + ", so where " + container + " logs is unknown");
            }
            SharedEngine.Lease reading = source.lease();
            try {
                AutoCloseable lines = reading.engine().logs(definition, container, task.taskId(), tail, follow, sink);
                return () -> {
                    try {
                        lines.close();
                    } finally {
                        reading.release();
                    }
                };
            } catch (RuntimeException | Error unreadable) {
                reading.release();
                throw unreadable;
            }
        };
    }

    private Optional<EcsTarget> ask(String title, String action, boolean askCluster) {
        EcsTarget start = EcsTarget.remembered(preferences);
        var dialog = EcsTargetDialog.create(context.owner().get(), title, action, start, askCluster);
        Optional<EcsTarget> chosen = dialog.showAndWait();
        chosen.ifPresent(t -> t.remember(preferences));
        return chosen;
    }

    /**
     * A lease on the engine of {@code where}: one engine per target, kept while the target stays the same. Another
     * target retires the old engine, which closes once the last lease on it is let go.
     */
    private synchronized SharedEngine.Lease engine(EcsTarget where) {
        SharedEngine now = current;
        if (now == null || !where.equals(now.target)) {
            if (now != null) {
                now.retire();
            }
            now = new SharedEngine(where, new EcsEngine(where.settings()));
            current = now;
        }
        return now.lease();
    }

    /** A lease on the engine of the last target chosen, or null when none was. */
    private synchronized SharedEngine.Lease leaseOfCurrent() {
        return current == null ? null : current.lease();
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
        SharedEngine.Lease lease = watchLease;
        watchLease = null;
        stopInBackground(List.copyOf(watchers), lease);
        watchers.clear();
        watching.set(false);
    }

    /** Stops the watchers as a quiet job, then lets go of their engine. */
    private void stopInBackground(List<EcsWatcher> stopping, SharedEngine.Lease lease) {
        if (stopping.isEmpty()) {
            if (lease != null) {
                lease.release();
            }
            return;
        }
        context.jobs().task("Stopping the ECS watch", progress -> {
            try {
                stopping.forEach(EcsWatcher::stop);
            } finally {
                if (lease != null) {
                    lease.release();
                }
            }
            return null;
        }).quiet().start();
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

    /**
     * One target's engine and who uses it: each job, the watch and each log read hold a lease while they use it.
     * Retired (the user chose another target), it closes its AWS clients once the last lease is let go.
     */
    static final class SharedEngine {
        private final EcsTarget target;
        private final EcsEngine engine;
        private int leases;
        private boolean retired;
        private boolean closed;

        SharedEngine(EcsTarget target, EcsEngine engine) {
            this.target = target;
            this.engine = engine;
        }

        synchronized Lease lease() {
            if (closed) {
                throw new IllegalStateException("the connection to " + target.describe()
                        + " was closed when another ECS target was chosen; choose this one again");
            }
            leases++;
            return new Lease();
        }

        synchronized void retire() {
            retired = true;
            closeIfUnused();
        }

        private synchronized void release() {
            leases--;
            closeIfUnused();
        }

        private void closeIfUnused() {
            if (retired && leases == 0 && !closed) {
                closed = true;
                engine.close();
            }
        }

        /** One use of the engine; {@link #release()} it once, when done. */
        final class Lease {
            private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

            EcsEngine engine() {
                return engine;
            }

            SharedEngine shared() {
                return SharedEngine.this;
            }

            void release() {
                if (released.compareAndSet(false, true)) {
                    SharedEngine.this.release();
                }
            }
        }
    }
}
