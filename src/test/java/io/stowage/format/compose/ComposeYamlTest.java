package io.stowage.format.compose;

import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeYamlTest {
    private static final Path FILE = Path.of("compose.yml");

    @Test
    void anchorsAndMergeKeysExpandWithWrittenKeysWinningThenEarlierMerges() throws Exception {
        ComposeYaml.Document document = ComposeYaml.parse(FILE, """
                x-base: &base
                  restart: always
                  image: base:1
                x-extra: &extra
                  image: extra:1
                  user: nobody
                services:
                  web:
                    <<: [*base, *extra]
                    image: web:2
                  worker:
                    <<: *base
                  health: &check
                    test: ["CMD", "true"]
                  again: *check
                """);

        JsonObject services = (JsonObject) document.root().get("services");
        JsonObject web = (JsonObject) services.get("web");
        assertThat(web.get("image")).isEqualTo(new JsonString("web:2"));
        assertThat(web.get("restart")).isEqualTo(new JsonString("always"));
        assertThat(web.get("user")).isEqualTo(new JsonString("nobody"));
        assertThat(((JsonObject) services.get("worker")).get("image")).isEqualTo(new JsonString("base:1"));
        assertThat(services.get("again")).isEqualTo(services.get("health"));
        assertThat(web.has("<<")).isFalse();
        assertThat(document.positionOf("services.web.image").line()).isEqualTo(10);
    }

    @Test
    void scalarsStayTextSoThatTheirUseDecidesTheType() throws Exception {
        ComposeYaml.Document document = ComposeYaml.parse(FILE, """
                services:
                  a:
                    ports: [80, "8080:80", 22:22]
                    restart: no
                    read_only: yes
                    command: ~
                """);
        JsonObject a = (JsonObject) ((JsonObject) document.root().get("services")).get("a");
        assertThat(a.get("ports").toString()).isEqualTo("[\"80\",\"8080:80\",\"22:22\"]");
        assertThat(a.get("restart")).isEqualTo(new JsonString("no"));
        assertThat(ComposeValues.bool(a.get("read_only"))).isTrue();
        assertThat(a.get("command")).isEqualTo(io.stowage.model.json.JsonNull.INSTANCE);
    }

    @Test
    void badYamlNamesTheLineAndColumnWithoutATrace() {
        assertThatThrownBy(() -> ComposeYaml.parse(FILE, """
                services:
                  web:
                    image: nginx
                     ports: ["80"]
                """))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("compose.yml:4:")
                .hasMessageContaining("invalid YAML")
                .satisfies(e -> assertThat(((UnreadableFileException) e).position().line()).isEqualTo(4));
    }

    @Test
    void aTabInTheIndentationIsNamed() {
        assertThatThrownBy(() -> ComposeYaml.parse(FILE, "services:\n\tweb:\n    image: nginx\n"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("compose.yml:2:1: invalid YAML")
                .hasMessageContaining("Do not use \\t(TAB) for indentation");
    }

    @Test
    void duplicateKeysAreRefusedWithBothLines() {
        assertThatThrownBy(() -> ComposeYaml.parse(FILE, """
                services:
                  web:
                    image: a
                    image: b
                """))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("compose.yml:4:5: duplicate key image (first at line 3); each key may appear once");
    }

    @Test
    void anEmptyFileOrAListIsNotAComposeFile() {
        assertThatThrownBy(() -> ComposeYaml.parse(FILE, "# nothing\n"))
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> ComposeYaml.parse(FILE, "- a\n- b\n"))
                .hasMessage("compose.yml:1:1: expected a mapping at the top (services:, volumes:, ...), found a list");
    }
}
