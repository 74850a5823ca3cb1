package io.stowage.engine.local;

import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.RecordingListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One design run on the test engine, taken down afterwards. */
final class LocalRunHarness implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final LocalEngine engine = new LocalEngine(DockerConnection.fromEnvironment());
    final RecordingListener listener = new RecordingListener();
    final Design design;
    final String key;
    final LocalRun run;

    LocalRunHarness(String name, String designJson, LocalRunOptions options, PullBehavior pull) throws Exception {
        this.design = DesignFormat.parse(name + ".stowage.json", designJson).design();
        this.key = LocalEngine.designKey(name, Path.of("/tmp/stowage-tests", name + ".stowage.json"));
        this.run = engine.up(design, key, options.withPullBehavior(pull), listener, m -> { });
    }

    LocalRunHarness(String name, String designJson, LocalRunOptions options) throws Exception {
        this(name, designJson, options, PullBehavior.PREFER_CACHED);
    }

    LocalRunHarness(String name, String designJson, String instanceBase, String taskBase) throws Exception {
        this(name, designJson, LocalRunOptions.defaults().withAddresses(instanceBase, taskBase));
    }

    TaskState awaitTask(String what, java.util.function.Predicate<TaskState> condition) {
        listener.await(what, TIMEOUT, l -> l.tasks().stream().anyMatch(condition));
        return listener.tasks().stream().filter(condition).findFirst().orElseThrow();
    }

    List<TaskState> tasksOf(String group) {
        return listener.tasks().stream().filter(t -> group.equals(t.group())).toList();
    }

    static boolean running(TaskState t) {
        return t.lastStatus() == TaskStatus.RUNNING;
    }

    static Optional<String> containerId(TaskState t, String name) {
        return t.container(name).map(c -> c.runtimeId());
    }

    @Override
    public void close() {
        run.close();
        engine.down(key, design, m -> { });
    }
}
