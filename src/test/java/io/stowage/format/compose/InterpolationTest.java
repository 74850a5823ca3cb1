package io.stowage.format.compose;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterpolationTest {
    private final Map<String, String> environment = new HashMap<>(Map.of("SET", "value", "EMPTY", ""));
    private final Interpolation interpolation = new Interpolation(environment);

    private String substitute(String text) throws Exception {
        return interpolation.substitute(text, "services.a.image");
    }

    @Test
    void everyFormComposeKnows() throws Exception {
        assertThat(substitute("$SET/${SET}")).isEqualTo("value/value");
        assertThat(substitute("${EMPTY:-fallback} ${EMPTY-fallback}")).isEqualTo("fallback ");
        assertThat(substitute("${UNSET:-fallback} ${UNSET-fallback}")).isEqualTo("fallback fallback");
        assertThat(substitute("${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${UNSET+alt}")).isEqualTo("alt||alt|");
        assertThat(substitute("${UNSET:-${SET}-nested}")).isEqualTo("value-nested");
        assertThat(substitute("cost $$5 and $${SET}")).isEqualTo("cost $5 and ${SET}");
        assertThat(substitute("${SET:?must be set}")).isEqualTo("value");
    }

    @Test
    void anUnsetVariableStaysAPlaceholderAndIsRemembered() throws Exception {
        assertThat(substitute("postgres:${VERSION}")).isEqualTo("postgres:${VERSION}");
        assertThat(substitute("$HOST_NAME:80")).isEqualTo("${HOST_NAME}:80");
        assertThat(interpolation.unset()).extracting(Interpolation.Unset::variable).containsExactly("VERSION", "HOST_NAME");
        assertThat(interpolation.unset().get(0).path()).isEqualTo("services.a.image");
    }

    @Test
    void aRequiredVariableThatIsMissingRefusesWithItsMessage() {
        assertThatThrownBy(() -> substitute("${TOKEN:?set TOKEN to your API token}"))
                .isInstanceOf(Interpolation.RequiredVariableException.class)
                .hasMessage("required variable TOKEN is not set: set TOKEN to your API token");
        assertThatThrownBy(() -> substitute("${EMPTY:?}"))
                .hasMessage("required variable EMPTY is empty");
    }

    @Test
    void dotEnvFilesReadQuotesExportsCommentsAndEarlierKeys() {
        Map<String, String> values = DotEnv.parse("""
                # a comment
                export A=1
                B = two words # trailing comment
                C='single $A'
                D="double ${A}\\n"
                E=${A}-${OUTER}
                INHERITED
                MISSING
                """, Map.of("OUTER", "outer", "INHERITED", "from-env"));
        assertThat(values).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"),
                Map.entry("C", "single $A"), Map.entry("D", "double 1\n"), Map.entry("E", "1-outer"),
                Map.entry("INHERITED", "from-env"));
    }
}
