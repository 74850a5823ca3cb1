package io.stowage.ui.sim;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.format.sim.ExampleScenarios;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.sim.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desktop's simulation session: the example's scenarios, stepping, scrubbing back, actions taken by hand. */
class SimulationSessionTest {
    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void theExampleStallsWithMinimumHealthyPercent100AndCompletesWith50() {
        SimulationSession stall = new SimulationSession(example, ExampleScenarios.load(ExampleScenarios.STALL), 0);
        Shown shown = new Shown();
        stall.moveTo(Duration.ofMinutes(5));
        shown.take(stall.drain());
        assertThat(shown.events).anyMatch(e -> e.message().contains("was unable to place a task because"));
        ServiceState web = shown.services.get("demo/web");
        assertThat(web.deployments().get(0).rolloutState()).isEqualTo("IN_PROGRESS");
        assertThat(web.deployments().get(0).taskDefinitionArn()).endsWith("web:2");
        assertThat(SimulateControl.summary(stall.simulation())).contains("web 2/2 running, web:2 rollout IN_PROGRESS");

        SimulationSession fixed = new SimulationSession(example, ExampleScenarios.load(ExampleScenarios.FIXED), 0);
        Shown after = new Shown();
        fixed.moveTo(Duration.ofMinutes(10));
        after.take(fixed.drain());
        assertThat(fixed.simulation().steady("web")).isTrue();
        assertThat(after.services.get("demo/web").deployments().get(0).rolloutState()).isEqualTo("COMPLETED");
        assertThat(after.events).anyMatch(e -> e.message().equals("(service web) has reached a steady state."));
        assertThat(SimulateControl.summary(fixed.simulation())).doesNotContain("web ");
    }

    @Test
    void goingBackShowsWhatWasShownAtThatTimeBefore() {
        SimulationSession session = new SimulationSession(example, ExampleScenarios.load(ExampleScenarios.FIXED), 0);
        Shown shown = new Shown();
        for (int i = 0; i < 12; i++) {
            assertThat(session.step()).isTrue();
        }
        Duration stepped = session.elapsed();
        session.moveTo(Duration.ofSeconds(75));
        shown.take(session.drain());
        Shown at75 = shown.copy();

        session.moveTo(Duration.ofMinutes(4));
        shown.take(session.drain());
        assertThat(shown.tasks).isNotEqualTo(at75.tasks);

        session.moveTo(Duration.ofSeconds(75));
        SimulationSession.Batch back = session.drain();
        assertThat(back.reset()).isTrue();
        shown.take(back);
        assertThat(shown.tasks).isEqualTo(at75.tasks);
        assertThat(shown.services).isEqualTo(at75.services);
        assertThat(shown.events).isEqualTo(at75.events);
        assertThat(session.furthest()).isEqualTo(stepped.compareTo(Duration.ofMinutes(4)) > 0 ? stepped
                : Duration.ofMinutes(4));
    }

    @Test
    void aStepMovesToTheNextVisibleChangeOrAtMostAQuietStep() {
        SimulationSession session = new SimulationSession(example, Scenario.EMPTY, 0);
        session.moveTo(Duration.ofMinutes(2)); // every service that can be is steady by now
        session.drain();
        assertThat(session.step()).isTrue();
        assertThat(session.elapsed()).isEqualTo(Duration.ofMinutes(2).plus(SimulationSession.QUIET_STEP));
        assertThat(session.drain().isEmpty()).isTrue();

        SimulationSession deploying = new SimulationSession(example, ExampleScenarios.load(ExampleScenarios.FIXED), 0);
        deploying.moveTo(Duration.ofSeconds(50));
        deploying.drain();
        deploying.step();
        assertThat(deploying.elapsed()).isEqualTo(Duration.ofMinutes(1));
        assertThat(deploying.drain().events()).anyMatch(e -> e.message().startsWith("update service web to web:2"));
    }

    @Test
    void anActionTakenNowIsPlayedAgainWhenScrubbedOver() {
        SimulationSession session = new SimulationSession(example, Scenario.EMPTY, 0);
        Shown shown = new Shown();
        session.moveTo(Duration.ofMinutes(1));
        session.act(new Scenario.Action.Scale(session.elapsed(), "web", 1));
        session.moveTo(Duration.ofMinutes(3));
        shown.take(session.drain());
        Shown first = shown.copy();
        assertThat(first.services.get("demo/web").desiredCount()).isEqualTo(1);
        assertThat(first.events).anyMatch(e -> e.message().equals("set service web desired count to 1"));

        session.moveTo(Duration.ofSeconds(30));
        shown.take(session.drain());
        assertThat(shown.services.get("demo/web").desiredCount()).isEqualTo(2);
        session.moveTo(Duration.ofMinutes(3));
        shown.take(session.drain());
        assertThat(shown.tasks).isEqualTo(first.tasks);
        assertThat(shown.events).isEqualTo(first.events);
    }

    @Test
    void anActionTheSimulationRefusesLeavesTheSessionAsItWas() {
        SimulationSession session = new SimulationSession(example, Scenario.EMPTY, 0);
        session.moveTo(Duration.ofMinutes(1));
        session.act(new Scenario.Action.Terminate(session.elapsed(), "i-0a1b2c3d"));
        assertThatThrownBy(() -> session.act(new Scenario.Action.Drain(session.elapsed(), "i-0a1b2c3d")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was terminated");
        assertThat(session.scenario().actions()).hasSize(1);
        assertThat(session.elapsed()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> session.act(new Scenario.Action.Drain(session.elapsed(), "i-9")))
                .hasMessageContaining("no instance i-9");
    }

    /** What the live model would hold after the batches handed to it. */
    private static final class Shown {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        Map<String, ServiceState> services = new LinkedHashMap<>();
        List<ClusterEvent> events = new ArrayList<>();

        void take(SimulationSession.Batch batch) {
            if (batch.reset()) {
                tasks.clear();
                services.clear();
                events.clear();
            }
            batch.tasks().forEach(t -> tasks.put(t.taskArn(), t));
            batch.services().forEach(s -> services.put(s.key(), s));
            events.addAll(batch.events());
        }

        Shown copy() {
            Shown c = new Shown();
            c.tasks = new LinkedHashMap<>(tasks);
            c.services = new LinkedHashMap<>(services);
            c.events = new ArrayList<>(events);
            return c;
        }
    }
}
