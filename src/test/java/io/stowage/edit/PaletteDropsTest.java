package io.stowage.edit;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Legal drops build one undoable edit that adds the element where it was dropped; illegal ones say why. */
class PaletteDropsTest {
    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void aContainerDroppedOnAContainerGoesIntoItsTaskDefinition() {
        ElementId nginx = ElementId.container("web", example.taskDefinition("web").orElseThrow().containerDefinitions().get(0).name());

        DropOutcome outcome = PaletteDrops.drop(example, PaletteItem.WEB_SERVER, nginx, 300, 400);

        assertThat(outcome.isLegal()).isTrue();
        assertThat(outcome.edit().description()).startsWith("Add container web");
        ContainerDefinition added = outcome.edit().after().taskDefinition("web").orElseThrow().containerDefinitions()
                .stream().filter(c -> c.name().equals(outcome.created().localId())).findFirst().orElseThrow();
        assertThat(added.portMappings()).hasSize(1);
        // It gets the next slot of the card, under nginx (888, 140, 236, 44), and the card grows to hold it.
        assertThat(outcome.edit().after().layout().boundsOf(outcome.created())).contains(new Bounds(888, 192, 236, 44));
        assertThat(outcome.edit().after().layout().boundsOf(ElementId.taskDefinition("web")))
                .contains(new Bounds(876, 40, 260, 208));

        EditHistory history = new EditHistory(example);
        history.push(outcome.edit());
        history.undo();
        assertThat(history.current()).isEqualTo(example);
    }

    @Test
    void illegalDropsAreRefusedWithAReason() {
        assertThat(PaletteDrops.drop(example, PaletteItem.CONTAINER, null, 0, 0).refusal())
                .isEqualTo("A container goes into a task definition.");
        assertThat(PaletteDrops.drop(example, PaletteItem.EC2_INSTANCE, ElementId.taskDefinition("web"), 0, 0).refusal())
                .isEqualTo("An EC2 container instance goes into a cluster.");
        assertThat(PaletteDrops.drop(example, PaletteItem.CLUSTER, ElementId.cluster("demo"), 0, 0).isLegal()).isFalse();
        assertThat(PaletteDrops.drop(example, PaletteItem.FARGATE, ElementId.cluster("demo"), 0, 0).refusal())
                .contains("already has Fargate capacity");
    }

    @Test
    void instancesServicesClustersAndTaskDefinitionsLandWhereDroppedAndValidate() {
        Design design = example;
        for (PaletteItem item : new PaletteItem[] {PaletteItem.EC2_INSTANCE, PaletteItem.SERVICE}) {
            DropOutcome outcome = PaletteDrops.drop(design, item, ElementId.cluster("demo"), 50, 60);
            assertThat(outcome.isLegal()).as(item.name()).isTrue();
            design = outcome.edit().after();
            assertThat(design.layout().boundsOf(outcome.created()).orElseThrow().x()).isEqualTo(50);
        }
        DropOutcome cluster = PaletteDrops.drop(design, PaletteItem.CLUSTER, null, 2000, 0);
        design = cluster.edit().after();
        DropOutcome taskDefinition = PaletteDrops.drop(design, PaletteItem.TASK_DEFINITION, null, 2000, 800);
        design = taskDefinition.edit().after();

        assertThat(design.cluster(cluster.created().localId())).isPresent();
        assertThat(design.taskDefinition(taskDefinition.created().localId())).isPresent();
        assertThat(DesignValidator.validate(design)).filteredOn(Finding::isError).isEmpty();
    }

    @Test
    void aDroppedTaskDefinitionHoldsItsContainerInItsCard() {
        DropOutcome outcome = PaletteDrops.drop(example, PaletteItem.TASK_DEFINITION, null, 1500, 700);
        Design after = outcome.edit().after();
        String family = outcome.created().localId();
        var card = after.layout().boundsOf(outcome.created()).orElseThrow();
        var container = after.layout().boundsOf(ElementId.container(family, "app")).orElseThrow();
        assertThat(card.x()).isEqualTo(1500);
        assertThat(card.contains(container)).as(card + " holds " + container).isTrue();
    }

    @Test
    void aDroppedServiceRunsATaskDefinitionTheDesignHasInsteadOfMakingAnother() {
        Design design = example.withTaskDefinition(example.taskDefinition("api").orElseThrow().withFamily("spare"));
        DropOutcome outcome = PaletteDrops.drop(design, PaletteItem.SERVICE, ElementId.cluster("demo"), 50, 60);
        Design after = outcome.edit().after();
        assertThat(after.taskDefinitions().keySet()).isEqualTo(design.taskDefinitions().keySet());
        var service = after.cluster("demo").orElseThrow().service(outcome.created().localId()).orElseThrow();
        // The one no service runs yet.
        assertThat(service.taskDefinitionFamily()).isEqualTo("spare");
        assertThat(outcome.edit().description()).isEqualTo("Add service " + service.id() + " running spare");

        // Every task definition in use: still none made, the first one runs.
        DropOutcome again = PaletteDrops.drop(example, PaletteItem.SERVICE, ElementId.cluster("demo"), 50, 60);
        assertThat(again.edit().after().taskDefinitions().keySet()).isEqualTo(example.taskDefinitions().keySet());
    }

    @Test
    void aServiceDroppedIntoADesignWithoutTaskDefinitionsGetsOneOnTheCanvasBesideTheCluster() {
        Design empty = PaletteDrops.drop(Design.empty("new"), PaletteItem.CLUSTER, null, 40, 40).edit().after();
        DropOutcome outcome = PaletteDrops.drop(empty, PaletteItem.SERVICE, ElementId.cluster("cluster-1"), 80, 100);
        Design after = outcome.edit().after();
        assertThat(after.taskDefinitions()).hasSize(1);
        String family = after.taskDefinitions().keySet().iterator().next();
        var card = after.layout().boundsOf(ElementId.taskDefinition(family)).orElseThrow();
        var cluster = after.layout().boundsOf(ElementId.cluster("cluster-1")).orElseThrow();
        assertThat(card.overlaps(cluster)).isFalse();
        assertThat(card.x()).isGreaterThan(cluster.right());
        assertThat(card.contains(after.layout().boundsOf(ElementId.container(family, "app")).orElseThrow())).isTrue();
        // The cluster still needs capacity; the task definition itself is sound.
        assertThat(DesignValidator.validate(after)).filteredOn(Finding::isError)
                .noneMatch(f -> f.path().startsWith("taskDefinitions"));
    }
}
