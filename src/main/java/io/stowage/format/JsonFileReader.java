package io.stowage.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON file into the model's tree, strictly (duplicate keys, trailing garbage and binary content are
 * errors) and with the position of every value. Errors come out as one clear sentence, never a parser trace.
 */
public final class JsonFileReader {
    /** Far above any real task definition (ECS caps them at 64 KiB) or design, far below what harms the app. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    public static final int MAX_DEPTH = 200;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonFileReader() {
    }

    public static JsonDocument read(Path file) throws UnreadableFileException {
        return parse(file, readBytes(file));
    }

    /** A JSON file's bytes, bounded by {@link #MAX_FILE_BYTES}; only a regular file is read. */
    public static byte[] readBytes(Path file) throws UnreadableFileException {
        return FileInput.read(file, MAX_FILE_BYTES, size -> String.format(
                "file is %s%.1f MB; Stowage reads JSON files up to %d MB (ECS limits a task definition to 64 KiB)",
                size > MAX_FILE_BYTES ? "" : "over ", Math.max(size, MAX_FILE_BYTES + 1) / 1_000_000.0,
                MAX_FILE_BYTES / (1024 * 1024)));
    }

    public static JsonDocument parse(Path file, byte[] bytes) throws UnreadableFileException {
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new UnreadableFileException(file, null, "the file is empty; expected a JSON object");
        }
        int nul = indexOfNul(bytes);
        if (nul >= 0) {
            throw new UnreadableFileException(file, null,
                    "this is a binary file, not JSON text (byte 0x00 at offset " + nul + ")");
        }
        Map<String, SourcePosition> positions = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            Json root;
            try {
                root = readValue(parser, parser.nextToken(), JsonPath.ROOT, positions);
            } catch (StreamConstraintsException e) {
                throw new UnreadableFileException(file, constraintPosition(parser, e), constraint(e));
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new UnreadableFileException(file, position(parser.currentTokenLocation()),
                        "unexpected content after the end of the JSON value; expected the end of the file");
            }
            return new JsonDocument(file, root, Map.copyOf(positions), LineEnding.of(bytes));
        } catch (StreamConstraintsException e) {
            throw new UnreadableFileException(file, null, constraint(e));
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException(file, errorPosition(e), plain(e));
        } catch (CharConversionException e) {
            throw new UnreadableFileException(file, null, "not UTF-8 text (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UnreadableFileException(file, null, "cannot read the file: " + e.getMessage());
        }
    }

    private static Json readValue(JsonParser parser, JsonToken token, JsonPath path,
                                  Map<String, SourcePosition> positions) throws IOException {
        positions.put(path.text(), position(parser.currentTokenLocation()));
        switch (token) {
            case START_OBJECT: {
                Map<String, Json> members = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonPath child = path.key(key);
                    members.put(key, readValue(parser, parser.nextToken(), child, positions));
                }
                return JsonObject.of(members);
            }
            case START_ARRAY: {
                List<Json> items = new ArrayList<>();
                JsonToken next;
                int index = 0;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, next, path.index(index++), positions));
                }
                return JsonArray.of(items);
            }
            case VALUE_STRING:
                return new JsonString(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(parser);
            case VALUE_TRUE:
                return JsonBool.TRUE;
            case VALUE_FALSE:
                return JsonBool.FALSE;
            case VALUE_NULL:
                return JsonNull.INSTANCE;
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /**
     * A number the model can hold. Beyond a double's range no ECS member takes it, and a literal such as
     * {@code 1e999999999} would cost gigabytes the first time anything printed it in full.
     */
    private static JsonNumber number(JsonParser parser) throws IOException {
        String literal = parser.getText();
        try {
            JsonNumber number = JsonNumber.parse(literal);
            if (JsonNumber.withinDoubleRange(number.value())) {
                return number;
            }
        } catch (NumberFormatException e) {
            // The exponent does not even fit an int ("1e2147483648"): out of range as well.
        }
        throw new JsonParseException(parser, "the number " + abbreviate(literal) + " is out of range; ECS takes "
                + "whole numbers up to 9223372036854775807 and decimals up to about 1.8e308",
                parser.currentTokenLocation());
    }

    private static String abbreviate(String literal) {
        return literal.length() <= 40 ? literal : literal.substring(0, 20) + "…(" + literal.length() + " characters)";
    }

    /** Where the value that passed a limit starts: a long number is reported once read, at its end. */
    private static SourcePosition constraintPosition(JsonParser parser, StreamConstraintsException e) {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("^Number value length \\((\\d+)\\)")
                .matcher(String.valueOf(e.getMessage()));
        SourcePosition end = position(parser.currentLocation());
        if (length.find() && end != null && end.column() > Integer.parseInt(length.group(1))) {
            return new SourcePosition(end.line(), end.column() - Integer.parseInt(length.group(1)));
        }
        return position(parser.currentTokenLocation());
    }

    /** Which of the parser's limits the file passed, in words. */
    private static String constraint(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Number value length") || message.startsWith("Number length")) {
            return "a number of more than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits; ECS takes whole "
                    + "numbers up to 19 digits";
        }
        if (message.startsWith("String value length") || message.startsWith("String length")) {
            return "a string longer than " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters";
        }
        if (message.startsWith("Name length") || message.startsWith("Name value length")) {
            return "a key longer than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        return "JSON nested deeper than " + MAX_DEPTH + " levels; a task definition or design is far shallower";
    }

    private static SourcePosition position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return null;
        }
        return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** Where the error starts: Jackson reports an unrecognised token at its end, users look for its start. */
    private static SourcePosition errorPosition(JsonProcessingException e) {
        SourcePosition at = position(e.getLocation());
        java.util.regex.Matcher token = UNRECOGNIZED.matcher(String.valueOf(e.getOriginalMessage()));
        if (at != null && token.find() && at.column() > token.group(1).length() + 1) {
            return new SourcePosition(at.line(), at.column() - token.group(1).length() - 1);
        }
        return at;
    }

    private static final java.util.regex.Pattern UNRECOGNIZED = java.util.regex.Pattern.compile("Unrecognized token '([^']*)'");

    /** Jackson's message without the source excerpt and location suffix it appends. */
    private static String plain(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf("\n at [Source");
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        message = message.replace("\n", " ").replaceAll("\\s+", " ").strip();
        if (message.startsWith("Duplicate field")) {
            return message.replace("Duplicate field", "duplicate key") + "; each key may appear once in an object";
        }
        java.util.regex.Matcher token = UNRECOGNIZED.matcher(message);
        if (token.find() && (token.group(1).startsWith("$") || token.group(1).startsWith("<"))) {
            return "invalid JSON: unquoted template placeholder " + token.group(1)
                    + "; substitute it, or quote it (\"" + token.group(1) + "\") to keep it in the file";
        }
        return "invalid JSON: " + message;
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
