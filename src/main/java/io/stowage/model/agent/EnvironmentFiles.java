package io.stowage.model.agent;

import io.stowage.model.ecs.KeyValuePair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the ECS agent reads {@code environmentFiles} and merges them into a container's environment
 * (ecs-semantics §1.1, agent {@code envfile.go} and {@code MergeEnvironmentVariablesFromEnvfiles}).
 */
public final class EnvironmentFiles {

    private EnvironmentFiles() {
    }

    /**
     * The variables of one file: lines starting with {@code #} and lines without {@code =} are skipped; a line is
     * split at its first {@code =} with no trimming and no quote stripping; an empty key is skipped; a later line
     * overrides an earlier one.
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) {
                // A file written on Windows: the line break is not part of the value.
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    /**
     * The environment a container gets: explicit {@code environment} always wins; among the files, read in the
     * listed order, the first file that defines a key wins.
     */
    public static Map<String, String> merge(List<KeyValuePair> environment, List<Map<String, String>> files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValuePair pair : environment) {
            if (pair.name() != null) {
                out.put(pair.name(), pair.value() == null ? "" : pair.value());
            }
        }
        for (Map<String, String> file : files) {
            file.forEach(out::putIfAbsent);
        }
        return out;
    }
}
