package io.stowage.edit;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerDependency;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.VolumeFrom;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesignEditsTest {
    private static final ElementId SHOP = ElementId.taskDefinition("shop");
    private static final ElementId WEB = ElementId.container("shop", "web");
    private static final ElementId DB = ElementId.container("shop", "db");
    private static final ElementId OTHER = ElementId.taskDefinition("other");

    private final AtomicLong clock = new AtomicLong(50_000);

    private static ContainerDefinition container(String name) {
        return ContainerDefinition.EMPTY.withName(name).withImage(name + ":latest");
    }

    private static Design design() {
        ContainerDefinition db = container("db");
        ContainerDefinition web = container("web").withMemory(256)
                .withDependsOn(List.of(ContainerDependency.EMPTY.withContainerName("db").withCondition("HEALTHY")))
                .withLinks(List.of("db"));
        ContainerDefinition proxy = container("proxy")
                .withDependsOn(List.of(
                        ContainerDependency.EMPTY.withContainerName("web").withCondition("START"),
                        ContainerDependency.EMPTY.withContainerName("db").withCondition("START")))
                .withLinks(List.of("web:app", "db"))
                .withVolumesFrom(List.of(VolumeFrom.EMPTY.withSourceContainer("web").withReadOnly(true)));
        ContainerDefinition logger = container("logger")
                .withLinks(List.of("web"))
                .withVolumesFrom(List.of(VolumeFrom.EMPTY.withSourceContainer("web")));
        TaskDefinition shop = TaskDefinition.EMPTY.withFamily("shop")
                .withContainerDefinitions(List.of(db, web, proxy, logger));
        // another task definition with a container of the same name: not touched
        TaskDefinition other = TaskDefinition.EMPTY.withFamily("other").withContainerDefinitions(List.of(
                container("web"), container("sidecar").withLinks(List.of("web")).withDependsOn(
                        List.of(ContainerDependency.EMPTY.withContainerName("web").withCondition("START")))));
        Layout layout = new Layout(Map.of(
                SHOP, new Bounds(0, 0, 260, 300),
                DB, new Bounds(12, 48, 236, 44),
                WEB, new Bounds(12, 100, 236, 44),
                OTHER, new Bounds(300, 0, 260, 200)));
        return Design.empty("demo").withTaskDefinition(shop).withTaskDefinition(other).withLayout(layout);
    }

    private static ContainerDefinition containerOf(Design design, String family, String name) {
        return design.taskDefinition(family).orElseThrow().containerDefinitions().stream()
                .filter(c -> name.equals(c.name())).findFirst().orElseThrow();
    }

    @Test
    void moveChangesTheLayoutOnly() {
        Design before = design();
        Edit edit = DesignEdits.move(before, Map.of(WEB, new Bounds(20, 120, 236, 44),
                DB, new Bounds(20, 60, 236, 44), OTHER, new Bounds(400, 10, 260, 200)));

        assertThat(edit.description()).isEqualTo("Move 3 elements");
        assertThat(edit.after().layout().boundsOf(WEB)).contains(new Bounds(20, 120, 236, 44));
        assertThat(edit.after().layout().boundsOf(OTHER)).contains(new Bounds(400, 10, 260, 200));
        assertThat(edit.after().taskDefinitions()).isEqualTo(before.taskDefinitions());
        assertThat(edit.before()).isSameAs(before);
        assertThat(DesignEdits.move(before, Map.of(WEB, new Bounds(0, 0, 1, 1))).description())
                .isEqualTo("Move 1 element");
        assertThat(DesignEdits.move(before, Map.of(WEB, new Bounds(12, 100, 236, 44))).isNoOp()).isTrue();
    }

    @Test
    void moveByCarriesWhatIsInside() {
        Edit edit = DesignEdits.moveBy(design(), Set.of(SHOP), 10, -5);

        assertThat(edit.description()).isEqualTo("Move 1 element");
        Layout layout = edit.after().layout();
        assertThat(layout.boundsOf(SHOP)).contains(new Bounds(10, -5, 260, 300));
        assertThat(layout.boundsOf(WEB)).contains(new Bounds(22, 95, 236, 44));
        assertThat(layout.boundsOf(OTHER)).contains(new Bounds(300, 0, 260, 200));
    }

    @Test
    void arrowKeyNudgesMergeIntoOneUndoStep() {
        EditHistory history = new EditHistory(design(), EditHistory.UNLIMITED, clock::get);
        for (int i = 0; i < 5; i++) {
            history.push(DesignEdits.moveBy(history.current(), Set.of(WEB, DB), 1, 0));
            clock.addAndGet(150);
        }
        assertThat(history.undoEdits()).hasSize(1);
        assertThat(history.undoDescription()).isEqualTo("Undo Move 2 elements");
        assertThat(history.current().layout().boundsOf(WEB)).contains(new Bounds(17, 100, 236, 44));

        clock.addAndGet(2000);
        history.push(DesignEdits.moveBy(history.current(), Set.of(WEB, DB), 1, 0));
        assertThat(history.undoEdits()).hasSize(2);

        history.undo();
        history.undo();
        assertThat(history.current()).isEqualTo(design());
    }

    @Test
    void setContainerFieldChangesOneContainerAndTypingMerges() {
        Design before = design();
        Edit edit = DesignEdits.setContainerField(before, "shop", "web", "memory", c -> c.withMemory(512));

        assertThat(edit.description()).isEqualTo("Change memory");
        assertThat(containerOf(edit.after(), "shop", "web").memory()).isEqualTo(512);
        assertThat(containerOf(edit.after(), "other", "web").memory()).isNull();
        assertThat(edit.after().taskDefinition("shop").orElseThrow().containerDefinitions())
                .extracting(ContainerDefinition::name).containsExactly("db", "web", "proxy", "logger");

        EditHistory history = new EditHistory(before, EditHistory.UNLIMITED, clock::get);
        history.push(DesignEdits.setContainerField(history.current(), "shop", "web", "memory", c -> c.withMemory(5)));
        clock.addAndGet(200);
        history.push(DesignEdits.setContainerField(history.current(), "shop", "web", "memory", c -> c.withMemory(51)));
        clock.addAndGet(200);
        history.push(DesignEdits.setContainerField(history.current(), "shop", "db", "memory", c -> c.withMemory(64)));
        assertThat(history.undoEdits()).hasSize(2);
        history.undo();
        assertThat(containerOf(history.current(), "shop", "web").memory()).isEqualTo(51);
        history.undo();
        assertThat(history.current()).isEqualTo(before);
    }

    @Test
    void setContainerFieldRejectsUnknownTargetsAndRenames() {
        Design design = design();
        assertThatThrownBy(() -> DesignEdits.setContainerField(design, "nope", "web", "memory", c -> c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> DesignEdits.setContainerField(design, "shop", "nope", "memory", c -> c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> DesignEdits.setContainerField(design, "shop", "web", "name", c -> c.withName("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DesignEdits.setContainerField(design, "shop", "web", "memory", c -> c.withMemory(256)).isNoOp())
                .isTrue();
    }

    @Test
    void addContainerAppendsIt() {
        Design before = design();
        Edit edit = DesignEdits.addContainer(before, "shop", container("cache"));

        assertThat(edit.description()).isEqualTo("Add container cache");
        assertThat(edit.after().taskDefinition("shop").orElseThrow().containerDefinitions())
                .extracting(ContainerDefinition::name).containsExactly("db", "web", "proxy", "logger", "cache");
        assertThatThrownBy(() -> DesignEdits.addContainer(before, "shop", container("web")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> DesignEdits.addContainer(before, "shop", ContainerDefinition.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteContainerRemovesEveryReferenceToItInOneEdit() {
        Design before = design();
        Edit edit = DesignEdits.deleteContainer(before, "shop", "web");

        assertThat(edit.description()).isEqualTo("Delete container web");
        Design after = edit.after();
        assertThat(after.taskDefinition("shop").orElseThrow().containerDefinitions())
                .extracting(ContainerDefinition::name).containsExactly("db", "proxy", "logger");
        ContainerDefinition proxy = containerOf(after, "shop", "proxy");
        assertThat(proxy.dependsOn()).extracting(ContainerDependency::containerName).containsExactly("db");
        assertThat(proxy.links()).containsExactly("db");
        assertThat(proxy.volumesFrom()).isEmpty();
        assertThat(proxy.json().has("volumesFrom")).isFalse();
        ContainerDefinition logger = containerOf(after, "shop", "logger");
        assertThat(logger.json().has("links")).isFalse();
        assertThat(logger.json().has("volumesFrom")).isFalse();
        // references to other containers and other task definitions stay
        assertThat(containerOf(after, "shop", "db")).isEqualTo(containerOf(before, "shop", "db"));
        assertThat(after.taskDefinition("other")).isEqualTo(before.taskDefinition("other"));
        assertThat(after.layout().boundsOf(WEB)).isEmpty();
        assertThat(after.layout().boundsOf(DB)).isPresent();
    }

    @Test
    void undoingADeleteRestoresTheContainerAndItsReferences() {
        Design before = design();
        EditHistory history = new EditHistory(before, EditHistory.UNLIMITED, clock::get);
        history.push(DesignEdits.deleteContainer(before, "shop", "web"));
        assertThat(history.undoDescription()).isEqualTo("Undo Delete container web");

        history.undo();

        assertThat(history.current()).isEqualTo(before);
        ContainerDefinition proxy = containerOf(history.current(), "shop", "proxy");
        assertThat(proxy.links()).containsExactly("web:app", "db");
        assertThat(proxy.volumesFrom()).extracting(VolumeFrom::sourceContainer).containsExactly("web");
        assertThat(proxy.dependsOn()).extracting(ContainerDependency::containerName).containsExactly("web", "db");
        assertThat(history.current().layout().boundsOf(WEB)).isPresent();
        history.redo();
        assertThat(history.current().taskDefinition("shop").orElseThrow().containerDefinitions()).hasSize(3);
    }

    @Test
    void linkTargetsAreNameOrNameColonAlias() {
        assertThat(DesignEdits.linkTarget("web")).isEqualTo("web");
        assertThat(DesignEdits.linkTarget("web:app")).isEqualTo("web");
        assertThat(DesignEdits.withoutReferencesTo(container("x").withLinks(List.of("webby", "web:w")), "web").links())
                .containsExactly("webby");
    }

    @Test
    void deleteContainerRejectsUnknownContainers() {
        assertThatThrownBy(() -> DesignEdits.deleteContainer(design(), "shop", "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no container nope");
    }

    @Test
    void aCompositeOfDesignEditsUndoesAsOne() {
        Design before = design();
        Edit add = DesignEdits.addContainer(before, "shop", container("cache"));
        Edit link = DesignEdits.setContainerField(add.after(), "shop", "web", "links",
                c -> c.withLinks(List.of("db", "cache")));
        Edit move = DesignEdits.moveBy(link.after(), Set.of(WEB), 0, 50);
        CompositeEdit composite = CompositeEdit.of("Add cache", List.of(add, link, move));
        EditHistory history = new EditHistory(before, EditHistory.UNLIMITED, clock::get);
        history.push(composite);

        assertThat(composite.undoPath()).containsExactly(link.after(), add.after(), before);
        history.undo();
        assertThat(history.current()).isEqualTo(before);
    }
}
