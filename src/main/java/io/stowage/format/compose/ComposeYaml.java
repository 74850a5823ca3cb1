package io.stowage.format.compose;

import io.stowage.format.SourcePosition;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one compose file's YAML into the model's JSON tree, with the position of every value. Anchors and
 * aliases resolve to copies; merge keys ({@code <<: *anchor} or {@code <<: [*a, *b]}) merge as YAML 1.1 defines
 * them: keys written in the mapping win, then earlier merged mappings over later ones. Every scalar is kept as
 * its text (a {@link JsonString}), apart from null, because compose decides types by where a value is used
 * (a port may be written {@code 80} or {@code "80"}) and interpolation works on text. Errors name the file,
 * line and column.
 */
public final class ComposeYaml {
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final int MAX_DEPTH = 100;
    /** SnakeYAML's own bound on aliases of lists and mappings (its default is 50). */
    private static final int MAX_ALIASES = 200;

    private final Path file;
    private final Map<String, SourcePosition> positions = new HashMap<>();
    /**
     * Values an alias may copy into the tree, all aliases together. SnakeYAML bounds the number of aliases; an
     * alias of an alias multiplies, so nine levels of nine aliases each (600 bytes) would make 387 million values.
     * Real compose files copy a few thousand values at most (an x- anchor merged into every service).
     */
    static final int MAX_ALIAS_VALUES = 100_000;

    private final IdentityHashMap<Node, Boolean> expanding = new IdentityHashMap<>();
    /** Nodes seen once: a node seen again is an alias's copy and counts against {@link #MAX_ALIAS_VALUES}. */
    private final IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
    private int aliasValues;

    private ComposeYaml(Path file) {
        this.file = file;
    }

    /** A compose file as read: its tree and where each value started, keyed by JSON path text. */
    public record Document(Path file, JsonObject root, Map<String, SourcePosition> positions) {
        public SourcePosition positionOf(String path) {
            return positions.get(path);
        }
    }

    public static Document read(Path file) throws UnreadableFileException {
        return parse(file, readText(file));
    }

    public static Document parse(Path file, String text) throws UnreadableFileException {
        return new ComposeYaml(file).document(text);
    }

    static String readText(Path file) throws UnreadableFileException {
        byte[] bytes = io.stowage.format.FileInput.read(file, MAX_FILE_BYTES, size -> "file is larger than "
                + MAX_FILE_BYTES / (1024 * 1024) + " MB; that is not a compose file");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(file, null, "not UTF-8 text");
        }
    }

    private Document document(String text) throws UnreadableFileException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new UnreadableFileException(file, position(e.getProblemMark() != null ? e.getProblemMark()
                    : e.getContextMark()), "invalid YAML: " + yamlProblem(e));
        } catch (YAMLException e) {
            throw new UnreadableFileException(file, null, "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new UnreadableFileException(file, null, "the file is empty; expected a compose file with services");
        }
        if (!(root instanceof MappingNode)) {
            throw new UnreadableFileException(file, position(root.getStartMark()),
                    "expected a mapping at the top (services:, volumes:, ...), found " + describe(root));
        }
        Json tree = value(root, JsonPath.ROOT, 0);
        return new Document(file, (JsonObject) tree, Map.copyOf(positions));
    }

    private Json value(Node node, JsonPath path, int depth) throws UnreadableFileException {
        if (depth > MAX_DEPTH) {
            throw new UnreadableFileException(file, position(node.getStartMark()), "nested deeper than " + MAX_DEPTH + " levels");
        }
        positions.putIfAbsent(path.text(), position(node.getStartMark()));
        if (expanding.containsKey(node)) {
            throw new UnreadableFileException(file, position(node.getStartMark()),
                    "an alias refers to the value that contains it; YAML cannot expand that");
        }
        if (seen.put(node, Boolean.TRUE) != null && ++aliasValues > MAX_ALIAS_VALUES) {
            throw new UnreadableFileException(file, position(node.getStartMark()), "the aliases of this file copy more "
                    + "than " + MAX_ALIAS_VALUES + " values (aliases of aliases multiply, as in a \"billion laughs\" "
                    + "file): the anchored value here is copied again and again, by then into " + path.text()
                    + "; a compose file copies far fewer");
        }
        expanding.put(node, Boolean.TRUE);
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                List<Json> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(value(item, path.index(items.size()), depth + 1));
                }
                return JsonArray.of(items);
            }
            return mapping((MappingNode) node, path, depth);
        } finally {
            expanding.remove(node);
        }
    }

    private JsonObject mapping(MappingNode node, JsonPath path, int depth) throws UnreadableFileException {
        Map<String, Json> own = new LinkedHashMap<>();
        List<MappingNode> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode instanceof ScalarNode key && key.getTag().equals(Tag.MERGE)) {
                collectMerged(tuple.getValueNode(), merged);
                continue;
            }
            if (!(keyNode instanceof ScalarNode key)) {
                throw new UnreadableFileException(file, position(keyNode.getStartMark()),
                        "a mapping key must be a plain value, found " + describe(keyNode));
            }
            String name = key.getValue();
            if (own.containsKey(name)) {
                throw new UnreadableFileException(file, position(keyNode.getStartMark()), "duplicate key " + name
                        + " (first at line " + positions.get(path.key(name).text()).line() + "); each key may appear once");
            }
            own.put(name, value(tuple.getValueNode(), path.key(name), depth + 1));
        }
        if (merged.isEmpty()) {
            return JsonObject.of(own);
        }
        // Keys written here win; of the merged mappings, the first that has a key wins (YAML merge key spec).
        Map<String, Json> out = new LinkedHashMap<>();
        for (MappingNode source : merged) {
            JsonObject values = mapping(source, path, depth + 1);
            values.members().forEach(out::putIfAbsent);
        }
        Map<String, Json> result = new LinkedHashMap<>(out);
        result.putAll(own);
        return JsonObject.of(result);
    }

    private void collectMerged(Node value, List<MappingNode> out) throws UnreadableFileException {
        if (value instanceof MappingNode mapping) {
            out.add(mapping);
        } else if (value instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (!(item instanceof MappingNode mapping)) {
                    throw new UnreadableFileException(file, position(item.getStartMark()),
                            "a merge key (<<) takes mappings, found " + describe(item));
                }
                out.add(mapping);
            }
        } else {
            throw new UnreadableFileException(file, position(value.getStartMark()),
                    "a merge key (<<) takes a mapping or a list of mappings, found " + describe(value));
        }
    }

    private static Json scalar(ScalarNode scalar) {
        if (scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                && scalar.getTag().equals(Tag.NULL)) {
            return JsonNull.INSTANCE;
        }
        return new JsonString(scalar.getValue());
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return "the value \"" + scalar.getValue() + "\"";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static String yamlProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        String context = e.getContext();
        problem = problem.replace("\n", " ").replaceAll("\\s+", " ").strip().replace("<stream end>", "the end of the file");
        return context == null ? problem : context.replace("\n", " ").strip() + ": " + problem;
    }

    private static SourcePosition position(Mark mark) {
        return mark == null ? null : new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
