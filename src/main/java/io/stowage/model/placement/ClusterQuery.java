package io.stowage.model.placement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An expression of the ECS cluster query language, as {@code memberOf} placement constraints take it
 * (ecs-semantics §5.3; Amazon ECS Developer Guide, "Create expressions to define container instances for Amazon
 * ECS tasks", cluster-query-language.html). Grammar:
 * <pre>
 * expr       := or
 * or         := and (("or" | "||") and)*
 * and        := unary (("and" | "&amp;&amp;") unary)*
 * unary      := ("not" | "!") unary | "(" expr ")" | comparison
 * comparison := subject operator [argument]
 * subject    := attribute:NAME | agentConnected | agentVersion | ec2InstanceId | registeredAt
 *             | runningTasksCount | task:group
 * operator   := == equals | != not_equals | &gt; greater_than | &gt;= greater_than_equal | &lt; less_than
 *             | &lt;= less_than_equal | exists | !exists not_exists | in | !in not_in | =~ matches | !~ not_matches
 * argument   := VALUE | "[" VALUE ("," VALUE)* "]"       (lists for in / not_in)
 * </pre>
 * Keywords and long operator names are case-insensitive. {@code agentVersion} compares versions numerically,
 * {@code registeredAt} compares dates ({@code 2018-06-18T22:28:28+00:00}, {@code ...Z}, {@code 2018-06-18T22:28:28},
 * {@code 2018-06-18}; times without an offset are UTC), {@code runningTasksCount} compares integers, attributes
 * compare numerically when both sides are numbers and as text otherwise. {@code matches} is a Java regular
 * expression matched against the whole value. {@code task:group} holds when any task on the instance is in a
 * matching group; its negative forms hold when none is. A missing attribute fails every positive operator and
 * satisfies the negative ones ({@code !=}, {@code !in}, {@code !~}, {@code !exists}).
 */
public final class ClusterQuery {
    /** The operators, with their symbol and long name. */
    public enum Operator {
        EQUALS("==", "equals"), NOT_EQUALS("!=", "not_equals"), GREATER_THAN(">", "greater_than"),
        GREATER_THAN_EQUAL(">=", "greater_than_equal"), LESS_THAN("<", "less_than"),
        LESS_THAN_EQUAL("<=", "less_than_equal"), EXISTS("exists", "exists"), NOT_EXISTS("!exists", "not_exists"),
        IN("in", "in"), NOT_IN("!in", "not_in"), MATCHES("=~", "matches"), NOT_MATCHES("!~", "not_matches");

        private final String symbol;
        private final String longName;

        Operator(String symbol, String longName) {
            this.symbol = symbol;
            this.longName = longName;
        }

        public String symbol() {
            return symbol;
        }

        public String longName() {
            return longName;
        }

        boolean negative() {
            return this == NOT_EQUALS || this == NOT_EXISTS || this == NOT_IN || this == NOT_MATCHES;
        }

        Operator positive() {
            return switch (this) {
                case NOT_EQUALS -> EQUALS;
                case NOT_EXISTS -> EXISTS;
                case NOT_IN -> IN;
                case NOT_MATCHES -> MATCHES;
                default -> this;
            };
        }
    }

    /** The subjects an expression can test. */
    public enum Subject {
        ATTRIBUTE("attribute:"), AGENT_CONNECTED("agentConnected"), AGENT_VERSION("agentVersion"),
        EC2_INSTANCE_ID("ec2InstanceId"), REGISTERED_AT("registeredAt"), RUNNING_TASKS_COUNT("runningTasksCount"),
        TASK_GROUP("task:group");

        private final String text;

        Subject(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private static final Map<String, Operator> SYMBOLS = Map.of("==", Operator.EQUALS, "!=", Operator.NOT_EQUALS,
            ">=", Operator.GREATER_THAN_EQUAL, "<=", Operator.LESS_THAN_EQUAL, "=~", Operator.MATCHES,
            "!~", Operator.NOT_MATCHES, ">", Operator.GREATER_THAN, "<", Operator.LESS_THAN);
    private static final Pattern VERSION = Pattern.compile("v?[0-9]+(\\.[0-9]+)*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final String text;
    private final Node root;

    private ClusterQuery(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses an expression.
     *
     * @throws ClusterQueryException with the position of the first problem
     */
    public static ClusterQuery parse(String text) {
        Objects.requireNonNull(text, "text");
        Parser parser = new Parser(text);
        Node root = parser.parseExpression();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected \"" + parser.rest() + "\" after a complete expression");
        }
        return new ClusterQuery(text, root);
    }

    /** Whether the instance the context describes satisfies the expression. */
    public boolean test(QueryContext context) {
        return root.test(context);
    }

    /** Whether the expression tests {@code task:group} or {@code runningTasksCount}, which change as tasks are placed. */
    public boolean dependsOnTasks() {
        return root.dependsOnTasks();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** Compares two versions numerically, part by part ({@code 1.14.5 < 1.14.10}); a missing part counts as 0. */
    public static int compareVersions(String a, String b) {
        String[] x = stripV(a).split("[.-]");
        String[] y = stripV(b).split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? leadingNumber(x[i]) : 0;
            long q = i < y.length ? leadingNumber(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /**
     * A date as the query language writes it, or null when the text is none of its forms.
     */
    public static Instant parseDate(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String stripV(String s) {
        return s.startsWith("v") ? s.substring(1) : s;
    }

    private static long leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && end < 18 && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(part.substring(0, end));
    }

    // ---------------------------------------------------------------- tree

    private sealed interface Node permits And, Or, Not, Comparison {
        boolean test(QueryContext c);

        boolean dependsOnTasks();
    }

    private record And(Node left, Node right) implements Node {
        public boolean test(QueryContext c) {
            return left.test(c) && right.test(c);
        }

        public boolean dependsOnTasks() {
            return left.dependsOnTasks() || right.dependsOnTasks();
        }

        @Override
        public String toString() {
            return "(" + left + " and " + right + ")";
        }
    }

    private record Or(Node left, Node right) implements Node {
        public boolean test(QueryContext c) {
            return left.test(c) || right.test(c);
        }

        public boolean dependsOnTasks() {
            return left.dependsOnTasks() || right.dependsOnTasks();
        }

        @Override
        public String toString() {
            return "(" + left + " or " + right + ")";
        }
    }

    private record Not(Node inner) implements Node {
        public boolean test(QueryContext c) {
            return !inner.test(c);
        }

        public boolean dependsOnTasks() {
            return inner.dependsOnTasks();
        }

        @Override
        public String toString() {
            return "not(" + inner + ")";
        }
    }

    private record Comparison(Subject subject, String attribute, Operator operator, List<String> arguments,
                              Pattern pattern) implements Node {
        public boolean dependsOnTasks() {
            return subject == Subject.TASK_GROUP || subject == Subject.RUNNING_TASKS_COUNT;
        }

        public boolean test(QueryContext c) {
            Operator positive = operator.positive();
            boolean result;
            if (subject == Subject.TASK_GROUP) {
                Set<String> groups = c.taskGroups();
                if (positive == Operator.EXISTS) {
                    result = !groups.isEmpty();
                } else {
                    result = false;
                    for (String group : groups) {
                        if (holds(positive, group)) {
                            result = true;
                            break;
                        }
                    }
                }
            } else {
                String value = value(c);
                boolean exists = subject == Subject.ATTRIBUTE ? c.hasAttribute(attribute) : value != null;
                if (positive == Operator.EXISTS) {
                    result = exists;
                } else {
                    result = value != null && holds(positive, value);
                }
            }
            return operator.negative() != result;
        }

        private String value(QueryContext c) {
            return switch (subject) {
                case ATTRIBUTE -> c.attribute(attribute);
                case AGENT_CONNECTED -> Boolean.toString(c.agentConnected());
                case AGENT_VERSION -> c.agentVersion();
                case EC2_INSTANCE_ID -> c.ec2InstanceId();
                case REGISTERED_AT -> c.registeredAt();
                case RUNNING_TASKS_COUNT -> Integer.toString(c.runningTasksCount());
                case TASK_GROUP -> null;
            };
        }

        private boolean holds(Operator positive, String value) {
            return switch (positive) {
                case EQUALS -> compare(value, arguments.get(0)) == 0;
                case IN -> {
                    for (String argument : arguments) {
                        if (compare(value, argument) == 0) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case MATCHES -> pattern.matcher(value).matches();
                case GREATER_THAN -> compare(value, arguments.get(0)) > 0;
                case GREATER_THAN_EQUAL -> compare(value, arguments.get(0)) >= 0;
                case LESS_THAN -> compare(value, arguments.get(0)) < 0;
                case LESS_THAN_EQUAL -> compare(value, arguments.get(0)) <= 0;
                default -> throw new IllegalStateException(positive.name());
            };
        }

        private int compare(String value, String argument) {
            switch (subject) {
                case AGENT_VERSION:
                    if (VERSION.matcher(value).matches()) {
                        return compareVersions(value, argument);
                    }
                    break;
                case RUNNING_TASKS_COUNT:
                    return Long.compare(Long.parseLong(value), Long.parseLong(argument));
                case REGISTERED_AT: {
                    Instant a = parseDate(value);
                    Instant b = parseDate(argument);
                    if (a != null && b != null) {
                        return a.compareTo(b);
                    }
                    break;
                }
                case AGENT_CONNECTED:
                    return value.compareToIgnoreCase(argument);
                case ATTRIBUTE:
                    if (NUMBER.matcher(value).matches() && NUMBER.matcher(argument).matches()) {
                        return new java.math.BigDecimal(value).compareTo(new java.math.BigDecimal(argument));
                    }
                    break;
                default:
                    break;
            }
            return value.compareTo(argument);
        }

        @Override
        public String toString() {
            String s = subject == Subject.ATTRIBUTE ? "attribute:" + attribute : subject.text();
            if (operator == Operator.EXISTS || operator == Operator.NOT_EXISTS) {
                return s + " " + operator.symbol();
            }
            if (operator == Operator.IN || operator == Operator.NOT_IN) {
                return s + " " + operator.symbol() + " [" + String.join(", ", arguments) + "]";
            }
            return s + " " + operator.symbol() + " " + arguments.get(0);
        }
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        String rest() {
            return text.substring(pos);
        }

        ClusterQueryException error(String detail) {
            return error(pos, detail);
        }

        ClusterQueryException error(int at, String detail) {
            return new ClusterQueryException(text, at, detail);
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private static boolean wordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
        }

        /** Whether a keyword starts here as a whole word (followed by a non-word character). */
        private boolean keyword(String word) {
            int end = pos + word.length();
            return text.regionMatches(true, pos, word, 0, word.length())
                    && (end >= text.length() || !wordChar(text.charAt(end)));
        }

        Node parseExpression() {
            Node left = parseAnd();
            while (true) {
                skipSpace();
                if (text.startsWith("||", pos)) {
                    pos += 2;
                } else if (keyword("or")) {
                    pos += 2;
                } else {
                    return left;
                }
                left = new Or(left, parseAnd());
            }
        }

        private Node parseAnd() {
            Node left = parseUnary();
            while (true) {
                skipSpace();
                if (text.startsWith("&&", pos)) {
                    pos += 2;
                } else if (keyword("and")) {
                    pos += 3;
                } else {
                    return left;
                }
                left = new And(left, parseUnary());
            }
        }

        private Node parseUnary() {
            skipSpace();
            if (atEnd()) {
                throw error("expected an expression (a subject such as attribute:NAME, \"not\" or \"(\")");
            }
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                Node inner = parseExpression();
                skipSpace();
                if (atEnd() || text.charAt(pos) != ')') {
                    throw error("expected \")\"");
                }
                pos++;
                return inner;
            }
            if (c == '!') {
                pos++;
                return new Not(parseUnary());
            }
            if (keyword("not")) {
                pos += 3;
                return new Not(parseUnary());
            }
            return parseComparison();
        }

        private Node parseComparison() {
            int start = pos;
            while (pos < text.length() && wordChar(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (word.isEmpty()) {
                throw error(start, "expected a subject, found \"" + text.charAt(start) + "\"");
            }
            Subject subject = null;
            String attribute = null;
            if (word.startsWith("attribute:")) {
                subject = Subject.ATTRIBUTE;
                attribute = word.substring("attribute:".length());
                if (attribute.isEmpty()) {
                    throw error(pos, "expected an attribute name after \"attribute:\"");
                }
            } else {
                for (Subject s : Subject.values()) {
                    if (s != Subject.ATTRIBUTE && s.text().equalsIgnoreCase(word)) {
                        subject = s;
                    }
                }
                if (subject == null) {
                    throw error(start, "unknown subject \"" + word + "\"; expected attribute:NAME, agentConnected, "
                            + "agentVersion, ec2InstanceId, registeredAt, runningTasksCount or task:group");
                }
            }
            skipSpace();
            int opAt = pos;
            Operator operator = parseOperator();
            List<String> arguments = new ArrayList<>();
            Pattern pattern = null;
            if (operator == Operator.IN || operator == Operator.NOT_IN) {
                arguments = parseList(operator);
            } else if (operator != Operator.EXISTS && operator != Operator.NOT_EXISTS) {
                skipSpace();
                int valueAt = pos;
                String value = parseValue();
                if (value.isEmpty()) {
                    throw error(valueAt, "expected a value after \"" + text.substring(opAt, valueAt).strip() + "\"");
                }
                value = unquote(value);
                arguments.add(value);
                if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
                    try {
                        pattern = Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        throw error(valueAt, "\"" + value + "\" is not a regular expression: " + e.getDescription());
                    }
                }
            }
            checkArguments(subject, operator, arguments, opAt);
            return new Comparison(subject, attribute, operator, List.copyOf(arguments), pattern);
        }

        private void checkArguments(Subject subject, Operator operator, List<String> arguments, int at) {
            boolean ordering = operator == Operator.GREATER_THAN || operator == Operator.GREATER_THAN_EQUAL
                    || operator == Operator.LESS_THAN || operator == Operator.LESS_THAN_EQUAL;
            boolean matching = operator == Operator.MATCHES || operator == Operator.NOT_MATCHES;
            for (String argument : arguments) {
                switch (subject) {
                    case RUNNING_TASKS_COUNT -> {
                        if (!matching && !INTEGER.matcher(argument).matches()) {
                            throw error(at, "runningTasksCount compares with a whole number, not \"" + argument + "\"");
                        }
                    }
                    case AGENT_VERSION -> {
                        if (ordering && !VERSION.matcher(argument).matches()) {
                            throw error(at, "agentVersion compares with a version such as 1.14.5, not \""
                                    + argument + "\"");
                        }
                    }
                    case REGISTERED_AT -> {
                        if (!matching && parseDate(argument) == null) {
                            throw error(at, "registeredAt compares with a date (2018-06-18T22:28:28+00:00, "
                                    + "2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18), not \""
                                    + argument + "\"");
                        }
                    }
                    case AGENT_CONNECTED -> {
                        if (!matching && !argument.equalsIgnoreCase("true") && !argument.equalsIgnoreCase("false")) {
                            throw error(at, "agentConnected compares with true or false, not \"" + argument + "\"");
                        }
                    }
                    default -> {
                    }
                }
            }
            if (subject == Subject.TASK_GROUP && ordering) {
                throw error(at, "task:group takes ==, !=, in, !in, =~, !~, exists or !exists, not "
                        + operator.symbol());
            }
        }

        private Operator parseOperator() {
            if (atEnd()) {
                throw error("expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~)");
            }
            if (text.startsWith("!exists", pos) && endsWord(pos + 7)) {
                pos += 7;
                return Operator.NOT_EXISTS;
            }
            if (text.startsWith("!in", pos) && endsWord(pos + 3)) {
                pos += 3;
                return Operator.NOT_IN;
            }
            for (String symbol : List.of("==", "!=", ">=", "<=", "=~", "!~", ">", "<")) {
                if (text.startsWith(symbol, pos)) {
                    pos += symbol.length();
                    return SYMBOLS.get(symbol);
                }
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String word = text.substring(start, pos).toLowerCase(Locale.ROOT);
            for (Operator operator : Operator.values()) {
                if (operator.longName().equals(word)) {
                    return operator;
                }
            }
            pos = start;
            throw error("expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ or a long "
                    + "name such as equals), found \"" + (word.isEmpty() ? text.substring(pos, pos + 1) : word) + "\"");
        }

        private boolean endsWord(int end) {
            return end >= text.length() || !wordChar(text.charAt(end));
        }

        private List<String> parseList(Operator operator) {
            skipSpace();
            if (atEnd() || text.charAt(pos) != '[') {
                throw error("expected \"[\" to start the list after " + operator.symbol());
            }
            pos++;
            List<String> values = new ArrayList<>();
            while (true) {
                int start = pos;
                while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ']') {
                    pos++;
                }
                if (atEnd()) {
                    throw error("expected \"]\" to end the list");
                }
                String value = text.substring(start, pos).strip();
                if (value.isEmpty()) {
                    throw error(start, "expected a value in the list");
                }
                values.add(unquote(value));
                char c = text.charAt(pos++);
                if (c == ']') {
                    return values;
                }
            }
        }

        /** Values may be quoted, as in the guide's {@code ec2InstanceId in ['abcd1234', 'wxyz7890']}. */
        private static String unquote(String value) {
            if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                return value.substring(1, value.length() - 1);
            }
            return value;
        }

        private String parseValue() {
            int start = pos;
            int depth = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c) && depth == 0) {
                    break;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (depth == 0 && (text.startsWith("&&", pos) || text.startsWith("||", pos))) {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos);
        }
    }
}
