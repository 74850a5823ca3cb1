package io.stowage.model.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The linear scanner finds what the regular expression it replaces found, and stays linear on long text. */
class TemplateHintsTest {
    /** The expression the hints were first written as: right, but quadratic in a backtracking matcher. */
    private static final Pattern REFERENCE = Pattern.compile("\\{[^{}]+}"
            + "|[A-Za-z0-9_-]*(?i:placeholder)[A-Za-z0-9_-]*"
            + "|(?i:your)[_-][A-Za-z0-9_-]+"
            + "|(?i:x){4,}"
            + "|(?<![A-Za-z0-9])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9])"
            + "|(?<![A-Za-z0-9])[A-Za-z_]*(?i:account)_?(?i:id)(?![A-Za-z0-9])");
    private static final String[] PIECES = {"a", "A", "x", "X", "_", "-", "{", "}", "9", " ", ".", "your", "YOUR",
            "placeholder", "PlaceHolder", "account", "ACCOUNT", "id", "ID", "_id", "Id", "xxxx", "B_C", "$", ":"};

    private static String reference(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    @Test
    void findsWhatTheExpressionFinds() {
        for (String text : new String[] {"{your-account-id}", "PYTHON_URI_PLACEHOLDER", "your-bucket", "XXXXXXXXXXXX",
                "arn:aws:iam::ACCOUNT_ID:role/x", "arn:aws:iam::123456789012:role/x", "REPLACE_ME", "accountId",
                "9account_id", "a_accountid", "A_Bc_D_E", "FOO_BARx", "nginx:1.27", "", "{}", "{{a}}"}) {
            assertThat(TemplateHints.find(text)).as(text).isEqualTo(reference(text));
        }
        Random random = new Random(18);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertThat(TemplateHints.find(text.toString())).as(text.toString()).isEqualTo(reference(text.toString()));
        }
    }

    /** How {@link Placeholders#find} read placeholders as one expression, before it was made linear. */
    private static final Pattern PLACEHOLDERS = Pattern.compile(
            "\\$\\{[A-Za-z_][A-Za-z0-9_:.\\-]*(?::?[-=?+][^}]*)?}|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_.\\-]*\\s*}}"
                    + "|<[A-Za-z][A-Za-z0-9_.:\\-]*>");
    private static final String[] PLACEHOLDER_PIECES = {"$", "{", "}", "${", "a", "A", "_", "-", ":", "=", "?", "+",
            ".", "9", " ", "<", ">", "{{", "}}", "<b>", "${A}", ":-", "x"};

    private static String referencePlaceholder(String text) {
        if (text.indexOf('$') < 0 && text.indexOf('{') < 0 && text.indexOf('<') < 0) {
            return null;
        }
        if (text.matches("\\$[A-Z_][A-Z0-9_]*")) {
            return text;
        }
        Matcher matcher = PLACEHOLDERS.matcher(text);
        while (matcher.find()) {
            String found = matcher.group();
            if (found.startsWith("<") && java.util.Set.of("html", "head", "body", "title", "style", "script", "p", "h1",
                    "h2", "h3", "h4", "div", "span", "br", "hr", "b", "i", "a", "ul", "li", "pre", "code", "table", "tr",
                    "td", "th", "meta", "link").contains(found.substring(1, found.length() - 1).toLowerCase())) {
                continue;
            }
            return found;
        }
        return null;
    }

    @Test
    void placeholdersAreFoundAsTheExpressionFoundThem() {
        for (String text : new String[] {"${A}", "${A:-x}", "${A:-${B}}", "${a:-", "x-${IMAGE_TAG:=1}", "{{ var }}",
                "<IMAGE1_NAME>", "<b>", "${-}", "$${A}", "${A-b}", "${A.b:c}"}) {
            assertThat(Placeholders.find(text)).as(text).isEqualTo(referencePlaceholder(text));
        }
        Random random = new Random(18);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PLACEHOLDER_PIECES[random.nextInt(PLACEHOLDER_PIECES.length)]);
            }
            assertThat(Placeholders.find(text.toString())).as(text.toString())
                    .isEqualTo(referencePlaceholder(text.toString()));
        }
    }

    @Test
    void aTenMegabyteValueOfAnyShapeIsScannedInLinearTime() {
        // The old backtracking pattern needed 243 s for 100,000 characters and never ended on 10 MB; a linear scan
        // takes tens of milliseconds. The bound only tells those apart: it is generous because CI machines run
        // loaded (a 1 s bound failed there at load 20), and the real figure is measured in the benchmark.
        for (String unit : new String[] {"a", "A_", "a_", "x", "A", "_", "{", "{a", "your", "your-", "account", "a-",
                "A_b", "placeholde", "Xx", "9a_", "${a:-", "${", "{{", "<a"}) {
            String text = unit.repeat(10_000_000 / unit.length());
            long start = System.nanoTime();
            TemplateHints.find(text);
            Placeholders.find(text);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(unit).isLessThan(Duration.ofSeconds(10));
        }
    }
}
