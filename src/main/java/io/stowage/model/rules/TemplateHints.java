package io.stowage.model.rules;

/**
 * Finds a token that marks a value as a hand-written stand-in ({@code {your-account-id}},
 * {@code PYTHON_URI_PLACEHOLDER}, {@code your-bucket}, {@code XXXXXXXXXXXX}, {@code REPLACE_ME},
 * {@code ACCOUNT_ID}), in time linear in the text. It returns what the regular expression
 * <pre>
 * \{[^{}]+}
 * | [A-Za-z0-9_-]*(?i:placeholder)[A-Za-z0-9_-]*
 * | (?i:your)[_-][A-Za-z0-9_-]+
 * | (?i:x){4,}
 * | (?&lt;![A-Za-z0-9])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9])
 * | (?&lt;![A-Za-z0-9])[A-Za-z_]*(?i:account)_?(?i:id)(?![A-Za-z0-9])
 * </pre>
 * finds, which is how the hints were first written; a backtracking matcher takes quadratic time over it (a
 * 100,000-character family took four minutes), since every word start rescans the rest of the word. Here each
 * alternative is found by one pass, and the leftmost match wins, the earlier alternative on a tie.
 */
final class TemplateHints {
    private TemplateHints() {
    }

    /** The first hint in the text, or null. */
    static String find(String text) {
        // Each later alternative only wins by starting earlier, so it searches only before the best start so far.
        int[] best = braces(text, text.length());
        best = earlier(best, placeholderWord(text, limit(best, text)));
        best = earlier(best, yourWord(text, limit(best, text)));
        best = earlier(best, xRun(text, limit(best, text)));
        best = earlier(best, upperSnake(text, limit(best, text)));
        best = earlier(best, accountId(text, limit(best, text)));
        return best == null ? null : text.substring(best[0], best[1]);
    }

    private static int limit(int[] best, String text) {
        return best == null ? text.length() : best[0];
    }

    private static int[] earlier(int[] best, int[] candidate) {
        return candidate != null && (best == null || candidate[0] < best[0]) ? candidate : best;
    }

    /** {@code \{[^{}]+}}: a brace, at least one character that is no brace, a closing brace. */
    private static int[] braces(String text, int limit) {
        int open = text.indexOf('{');
        while (open >= 0 && open < limit) {
            int next = open + 1;
            while (next < text.length() && text.charAt(next) != '{' && text.charAt(next) != '}') {
                next++;
            }
            if (next < text.length() && text.charAt(next) == '}' && next > open + 1) {
                return new int[] {open, next + 1};
            }
            open = next < text.length() && text.charAt(next) == '{' ? next : text.indexOf('{', next);
        }
        return null;
    }

    /** The whole run of word characters ({@code [A-Za-z0-9_-]}) around the first "placeholder". */
    private static int[] placeholderWord(String text, int limit) {
        int at = indexOfIgnoreCase(text, "placeholder", 0);
        if (at < 0) {
            return null;
        }
        int start = at;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        if (start >= limit) {
            return null;
        }
        return new int[] {start, endOfWord(text, at + "placeholder".length())};
    }

    /** "your", a hyphen or underscore, one word character or more. */
    private static int[] yourWord(String text, int limit) {
        int at = indexOfIgnoreCase(text, "your", 0);
        while (at >= 0 && at < limit) {
            int dash = at + 4;
            if (dash + 1 < text.length() && (text.charAt(dash) == '-' || text.charAt(dash) == '_')
                    && isWordChar(text.charAt(dash + 1))) {
                return new int[] {at, endOfWord(text, dash + 1)};
            }
            at = indexOfIgnoreCase(text, "your", at + 1);
        }
        return null;
    }

    /** Four x's or more, in either case. */
    private static int[] xRun(String text, int limit) {
        int i = 0;
        while (i < limit) {
            if (isX(text.charAt(i))) {
                int end = i;
                while (end < text.length() && isX(text.charAt(end))) {
                    end++;
                }
                if (end - i >= 4) {
                    return new int[] {i, end};
                }
                i = end;
            } else {
                i++;
            }
        }
        return null;
    }

    /** An upper-case word of two parts or more joined by single underscores, standing alone ({@code ACCOUNT_ID}). */
    private static int[] upperSnake(String text, int limit) {
        int n = text.length();
        int i = 0;
        while (i < limit) {
            if (!isUpper(text.charAt(i)) || (i > 0 && isAlnum(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && isUpperOrDigit(text.charAt(end))) {
                end++;
            }
            int matched = -1;
            int segments = 0;
            // Each further part is an underscore and one upper-case letter or digit or more.
            while (end + 1 < n && text.charAt(end) == '_' && isUpperOrDigit(text.charAt(end + 1))) {
                int partEnd = end + 1;
                while (partEnd < n && isUpperOrDigit(text.charAt(partEnd))) {
                    partEnd++;
                }
                segments++;
                if (partEnd == n || !isAlnum(text.charAt(partEnd))) {
                    matched = partEnd;
                } else {
                    // A lower-case letter ends the last part: the match, if any, ends before its underscore.
                    matched = segments > 1 ? end : -1;
                    break;
                }
                end = partEnd;
            }
            if (matched > 0) {
                return new int[] {i, matched};
            }
            // No hint starts inside this upper-case part; the next may start after an underscore.
            i = Math.max(i + 1, end);
        }
        return null;
    }

    /**
     * A word of letters and underscores ending in "accountid" or "account_id", standing alone: the first
     * start of a word in a run of letters and underscores, to the last place in the run where such an ending
     * stands before a character that is no letter or digit.
     */
    private static int[] accountId(String text, int limit) {
        int n = text.length();
        int i = 0;
        while (i < limit) {
            if (!isLetterOrUnderscore(text.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            int runEnd = i;
            while (runEnd < n && isLetterOrUnderscore(text.charAt(runEnd))) {
                runEnd++;
            }
            // Where a match may start: the run's start unless a digit stands before it, else after an underscore.
            int start = runStart;
            if (runStart > 0 && isAlnum(text.charAt(runStart - 1))) {
                int underscore = text.indexOf('_', runStart);
                start = underscore >= 0 && underscore < runEnd ? underscore + 1 : -1;
            }
            if (start >= 0 && start < limit) {
                for (int end = runEnd; end > start; end--) {
                    boolean standsAlone = end == n || !isAlnum(text.charAt(end));
                    if (!standsAlone) {
                        continue;
                    }
                    int accountAt = endsWithAccountId(text, end);
                    if (accountAt >= start) {
                        return new int[] {start, end};
                    }
                }
            }
            i = runEnd;
        }
        return null;
    }

    /** Where "account" starts when the text before {@code end} ends in "accountid" or "account_id", else -1. */
    private static int endsWithAccountId(String text, int end) {
        if (end < 2 || (text.charAt(end - 1) | 0x20) != 'd' || (text.charAt(end - 2) | 0x20) != 'i') {
            return -1;
        }
        if (end >= 9 && text.regionMatches(true, end - 9, "accountid", 0, 9)) {
            return end - 9;
        }
        if (end >= 10 && text.regionMatches(true, end - 10, "account_id", 0, 10)) {
            return end - 10;
        }
        return -1;
    }

    private static int indexOfIgnoreCase(String text, String word, int from) {
        char first = word.charAt(0);
        for (int i = from; i + word.length() <= text.length(); i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfWord(String text, int from) {
        int end = from;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isWordChar(char c) {
        return isAlnum(c) || c == '_' || c == '-';
    }

    private static boolean isAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isUpperOrDigit(char c) {
        return isUpper(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLetterOrUnderscore(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isX(char c) {
        return c == 'x' || c == 'X';
    }
}
