package io.stowage.model.json;

import io.stowage.model.json.JsonDiff.Change;
import io.stowage.model.json.JsonDiff.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDiffTest {
    private static Json json(String text) {
        return JsonTestTrees.parse(text);
    }

    private static List<String> summary(List<Change> changes) {
        return changes.stream().map(c -> c.kind() + " " + c.path().text() + " (" + c.label() + ")").toList();
    }

    @Test
    void equalTreesHaveNoDifferenceWhateverTheKeyOrderOrNumberLiteral() {
        assertThat(JsonDiff.of(json("{\"a\": 1, \"b\": [1, 2], \"c\": 1.50}"),
                json("{\"c\": 1.5, \"b\": [1, 2], \"a\": 1}"))).isEmpty();
    }

    @Test
    void membersAddedRemovedAndChangedAtTheirPaths() {
        List<Change> changes = JsonDiff.of(json("{\"family\": \"web\", \"cpu\": \"256\", \"tags\": [{\"key\": \"a\"}]}"),
                json("{\"family\": \"web\", \"memory\": \"512\", \"tags\": [{\"key\": \"b\"}, {\"key\": \"c\"}]}"));
        assertThat(summary(changes)).containsExactly(
                "ADDED memory (memory)",
                "CHANGED tags[0].key (tags[0].key)",
                "ADDED tags[1] (tags[1])",
                "REMOVED cpu (cpu)");
        Change changed = changes.get(1);
        assertThat(changed.before()).isEqualTo(new JsonString("a"));
        assertThat(changed.after()).isEqualTo(new JsonString("b"));
    }

    @Test
    void containersAreMatchedByNameSoAnInsertedOneIsOneAddition() {
        Json before = json("{\"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1\"},"
                + " {\"name\": \"log\", \"image\": \"fluent-bit\"}]}");
        Json after = json("{\"containerDefinitions\": [{\"name\": \"init\", \"image\": \"busybox\"},"
                + " {\"name\": \"web\", \"image\": \"nginx:2\"}]}");
        List<Change> changes = JsonDiff.of(before, after);
        assertThat(summary(changes)).containsExactly(
                "ADDED containerDefinitions[0] (containerDefinitions[init])",
                "CHANGED containerDefinitions[1].image (containerDefinitions[web].image)",
                "REMOVED containerDefinitions[1] (containerDefinitions[log])");
        assertThat(changes.get(1).beforePath().text()).isEqualTo("containerDefinitions[0].image");
    }

    @Test
    void aTypeChangeIsOneChangeAndQuotedKeysKeepTheirQuotes() {
        assertThat(summary(JsonDiff.of(json("{\"dockerLabels\": {\"com.example/team\": \"a\"}, \"x\": [1]}"),
                json("{\"dockerLabels\": {\"com.example/team\": \"b\"}, \"x\": {\"y\": 1}}")))).containsExactly(
                "CHANGED dockerLabels[\"com.example/team\"] (dockerLabels[\"com.example/team\"])",
                "CHANGED x (x)");
    }
}
