package io.stowage.format.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code KEY=value} files compose reads: the project's {@code .env} and each service's {@code env_file}.
 * Lines may start with {@code export}; {@code #} starts a comment at the start of a line or after a space in an
 * unquoted value; single quotes are literal; double quotes know {@code \n}, {@code \t}, {@code \"} and
 * {@code \\} and may span lines; unquoted and double-quoted values substitute {@code ${VAR}} from the keys above
 * and then from the given environment. A line with a key and no {@code =} takes the variable from the
 * environment when it is set there (as compose's env_file does), else it is left out.
 */
final class DotEnv {
    private DotEnv() {
    }

    /** @throws IllegalArgumentException naming the line, for a line that is not {@code KEY=value} */
    /** Far above any environment file; an .env file is a list of variables. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** An environment file's text, bounded, from a regular file only. */
    static String read(java.nio.file.Path file) throws io.stowage.format.UnreadableFileException {
        return io.stowage.format.FileInput.readText(file, MAX_FILE_BYTES, size -> "an environment file larger than "
                + MAX_FILE_BYTES / 1024 + " KiB; that is not a list of variables");
    }

    static Map<String, String> parse(String text, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                if (!line.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
                    throw notKeyValue(i, line);
                }
                String inherited = environment.get(line);
                if (inherited != null) {
                    out.put(line, inherited);
                }
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw notKeyValue(i, line);
            }
            String raw = line.substring(eq + 1).stripLeading();
            String value;
            if (raw.startsWith("'") || raw.startsWith("\"")) {
                char quote = raw.charAt(0);
                StringBuilder quoted = new StringBuilder(raw.substring(1));
                int close = closing(quoted, quote);
                while (close < 0 && i + 1 < lines.length) {
                    quoted.append('\n').append(lines[++i]);
                    close = closing(quoted, quote);
                }
                if (close < 0) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": the " + quote + " quote of " + key
                            + " is never closed");
                }
                String body = quoted.substring(0, close);
                value = quote == '\'' ? body : substitute(unescape(body), out, environment);
            } else {
                int comment = raw.indexOf(" #");
                value = substitute((comment >= 0 ? raw.substring(0, comment) : raw).strip(), out, environment);
            }
            out.put(key, value);
        }
        return out;
    }

    /**
     * A line that is not {@code KEY=value}, described without its text: such files hold passwords, and a line
     * missing its {@code =} ("DB_PASSWORD hunter2") would print one to the terminal or a CI log.
     */
    private static IllegalArgumentException notKeyValue(int index, String line) {
        int blank = 0;
        while (blank < line.length() && !Character.isWhitespace(line.charAt(blank)) && line.charAt(blank) != '=') {
            blank++;
        }
        String first = line.substring(0, blank);
        String start = first.matches("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}") ? " starting with " + first : "";
        return new IllegalArgumentException("line " + (index + 1) + ": expected KEY=value, found a line" + start
                + " that is not one (the rest of it is not repeated, as it may be a secret)");
    }

    private static int closing(CharSequence text, char quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"', '\\', '$' -> out.append(next);
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String substitute(String value, Map<String, String> above, Map<String, String> environment) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Map<String, String> scope = new LinkedHashMap<>(environment);
        scope.putAll(above);
        try {
            return new Interpolation(scope).substitute(value, "");
        } catch (Interpolation.RequiredVariableException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
