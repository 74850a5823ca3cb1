package io.stowage.model.sim;

import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.stowage.model.sim.ClusterSimulationTest.design;
import static io.stowage.model.sim.ClusterSimulationTest.instance;
import static io.stowage.model.sim.ClusterSimulationTest.service;
import static io.stowage.model.sim.ClusterSimulationTest.td;
import static org.assertj.core.api.Assertions.assertThat;

/** The warning a deploy can give before it starts a rolling update that would stall or fail. */
class RolloutForecastTest {

    @Test
    void anUpdateThatStaticHostPortsStallIsForecastWithECSsReason() {
        Design d = design(List.of(instance("i-1", "a"), instance("i-2", "b")),
                List.of(service("web", "web", 2, 100, 200, false), service("api", "api", 2, 100, 200, false)),
                List.of(), td("web", 80), td("api", 0));

        List<RolloutForecast> forecast = RolloutForecast.of(d, 0);

        RolloutForecast web = forecast.stream().filter(f -> f.serviceId().equals("web")).findFirst().orElseThrow();
        assertThat(web.outcome()).isEqualTo(RolloutForecast.Outcome.STALLED);
        assertThat(web.warning()).isEqualTo("service web: the rolling update would stall: service web was unable to "
                + "place a task because no container instance met all of its requirements. The closest matching "
                + "container-instance i-1 is already using a port required by your task.");
        RolloutForecast api = forecast.stream().filter(f -> f.serviceId().equals("api")).findFirst().orElseThrow();
        assertThat(api.outcome()).isEqualTo(RolloutForecast.Outcome.COMPLETED);
        assertThat(api.warns()).isFalse();
        // Dynamic host ports: new tasks start at once, and count as healthy 40 s after RUNNING.
        assertThat(api.took()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void anUpdateWhoseTasksCrashIsForecastToRollBack() {
        Service web = service("web", "web", 2, 100, 200, true);
        Design d = design(List.of(instance("i-1", "a"), instance("i-2", "b")), List.of(web), List.of(),
                td("web", null));
        List<RolloutForecast> forecast = RolloutForecast.of(d, Map.of("web", td("web", null)),
                Map.of(), 0);
        assertThat(forecast).singleElement().satisfies(f -> assertThat(f.outcome())
                .isEqualTo(RolloutForecast.Outcome.COMPLETED));

        // The same update, where the new revision's container exits after 2 s every time.
        List<RolloutForecast> crashing = RolloutForecast.of(d, Map.of("web", td("web", null)),
                Map.of("web", Map.of("app", ContainerBehaviour.crashLoop(1, Duration.ofSeconds(2)))), 0);
        assertThat(crashing).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(RolloutForecast.Outcome.ROLLED_BACK);
            assertThat(f.warning()).startsWith("service web: the deployment circuit breaker would fail the update and roll back");
        });
    }
}
