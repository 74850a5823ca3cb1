package io.stowage.model.agent;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.runtime.HealthStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyGraphTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskDefinition td(String json) {
        try {
            return TaskDefinitionFormat.parse("f.json", json).taskDefinition();
        } catch (UnreadableFileException e) {
            throw new AssertionError(e);
        }
    }

    private static DependencyGraph.View view(AgentStatus known) {
        return new DependencyGraph.View(known, AgentStatus.RUNNING, false, null, null,
                known.atLeast(AgentStatus.RUNNING) ? T0 : null, null);
    }

    private static DependencyGraph.View stopped(int exit) {
        return new DependencyGraph.View(AgentStatus.STOPPED, AgentStatus.RUNNING, true, exit, null, T0, null);
    }

    private final DependencyGraph graph = DependencyGraph.of(td("""
            {"family": "f", "containerDefinitions": [
              {"name": "db", "healthCheck": {"command": ["CMD", "true"]}, "startTimeout": 10},
              {"name": "migrate", "essential": false},
              {"name": "app", "links": ["db:database"], "volumesFrom": [{"sourceContainer": "data"}],
               "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"},
                             {"containerName": "db", "condition": "HEALTHY"}]},
              {"name": "data", "essential": false}]}
            """));

    private Map<String, DependencyGraph.View> views(DependencyGraph.View db, DependencyGraph.View migrate,
                                                    DependencyGraph.View app, DependencyGraph.View data) {
        Map<String, DependencyGraph.View> out = new LinkedHashMap<>();
        out.put("db", db);
        out.put("migrate", migrate);
        out.put("app", app);
        out.put("data", data);
        return out;
    }

    @Test
    void linksAndVolumesFromAddTheAgentsImplicitConditions() {
        assertThat(graph.dependenciesOf("app")).extracting(d -> d.container() + ":" + d.condition() + ":" + d.implicit())
                .containsExactly("migrate:SUCCESS:false", "db:HEALTHY:false", "db:START:true", "data:CREATE:true");
        assertThat(graph.dependentsOf("db")).containsExactly("app");
    }

    @Test
    void waitsUntilEveryConditionHolds() {
        var healthyDb = new DependencyGraph.View(AgentStatus.RUNNING, AgentStatus.RUNNING, false, null,
                HealthStatus.HEALTHY, T0, 10);
        var unknownDb = new DependencyGraph.View(AgentStatus.RUNNING, AgentStatus.RUNNING, false, null,
                HealthStatus.UNKNOWN, T0, 10);
        assertThat(graph.check("app", AgentStatus.CREATED, views(unknownDb, stopped(0), view(AgentStatus.NONE),
                view(AgentStatus.CREATED)), T0.plusSeconds(1))).isEqualTo(new DependencyGraph.Verdict.Wait("db"));
        assertThat(graph.check("app", AgentStatus.CREATED, views(healthyDb, view(AgentStatus.RUNNING),
                view(AgentStatus.NONE), view(AgentStatus.CREATED)), T0)).isEqualTo(new DependencyGraph.Verdict.Wait("migrate"));
        assertThat(graph.check("app", AgentStatus.CREATED, views(healthyDb, stopped(0), view(AgentStatus.NONE),
                view(AgentStatus.NONE)), T0)).isEqualTo(new DependencyGraph.Verdict.Wait("data"));
        assertThat(graph.check("app", AgentStatus.CREATED, views(healthyDb, stopped(0), view(AgentStatus.NONE),
                view(AgentStatus.CREATED)), T0)).isInstanceOf(DependencyGraph.Verdict.Go.class);
    }

    @Test
    void aDependencyThatExitedNonZeroNeverSatisfiesSuccess() {
        var healthyDb = new DependencyGraph.View(AgentStatus.RUNNING, AgentStatus.RUNNING, false, null,
                HealthStatus.HEALTHY, T0, null);
        var verdict = graph.check("app", AgentStatus.CREATED, views(healthyDb, stopped(3), view(AgentStatus.NONE),
                view(AgentStatus.CREATED)), T0);
        assertThat(verdict).isInstanceOf(DependencyGraph.Verdict.Never.class);
        assertThat(((DependencyGraph.Verdict.Never) verdict).reason())
                .isEqualTo("dependency graph: failed to resolve container ordering dependency [migrate] for target [app]"
                        + " as dependency did not exit successfully.");
    }

    @Test
    void theDependencysStartTimeoutCountsFromItsStart() {
        var startingDb = new DependencyGraph.View(AgentStatus.RUNNING, AgentStatus.RUNNING, false, null,
                HealthStatus.UNKNOWN, T0, 10);
        var at = views(startingDb, stopped(0), view(AgentStatus.NONE), view(AgentStatus.CREATED));
        assertThat(graph.check("app", AgentStatus.CREATED, at, T0.plusSeconds(9)))
                .isInstanceOf(DependencyGraph.Verdict.Wait.class);
        assertThat(graph.nextDeadline("app", at)).contains(T0.plusSeconds(10));
        assertThat(graph.check("app", AgentStatus.CREATED, at, T0.plusSeconds(11)))
                .isEqualTo(new DependencyGraph.Verdict.Never("dependency graph: container ordering dependency [db]"
                        + " for target [app] has timed out."));
    }

    @Test
    void shutdownWaitsForDependents() {
        var running = views(view(AgentStatus.RUNNING), stopped(0), view(AgentStatus.RUNNING), view(AgentStatus.RUNNING));
        assertThat(graph.canStop("db", running)).isFalse();
        assertThat(graph.canStop("app", running)).isTrue();
        var appStopped = views(view(AgentStatus.RUNNING), stopped(0), stopped(0), view(AgentStatus.RUNNING));
        assertThat(graph.canStop("db", appStopped)).isTrue();
    }
}
