package dev.cacheinvalidation.agent.sql;

/**
 * A hand-written, allocation-free tokenizer over a SQL string, merged from the lexical rules of H2,
 * PostgreSQL and MySQL/MariaDB. It never fails: anything it does not recognise becomes a one-character
 * {@link #PUNCT} token, and an unterminated quote or comment simply runs to the end of the input.
 *
 * <p>Tokens are exposed as fields ({@link #type}, {@link #start}, {@link #end}, {@link #ch}) of the
 * current token, plus a one-token look-ahead ({@link #peek()}). Every character is examined a bounded
 * number of times (closing a dollar quote compares at most {@value #MAX_DOLLAR_TAG}+1 characters per
 * {@code $}), so lexing is linear in the input length. Not thread-safe: one instance per analysis.
 *
 * <p>Lexical choices (documented in {@link SqlAnalyzer}):
 * <ul>
 *   <li>{@code --} always starts a line comment (MySQL would want a following space).</li>
 *   <li>{@code /* *}{@code /} comments nest (PostgreSQL); {@code /*!}, {@code /*!50001} and
 *       {@code /*M!100101} (MySQL/MariaDB executable comments) are not comments: their opening and
 *       closing delimiters are skipped and their content is lexed as SQL.</li>
 *   <li>{@code #} where a token would begin starts a line comment (MySQL), except {@code #>} (the
 *       PostgreSQL JSON path operator). {@code #} is not an identifier character.</li>
 *   <li>{@code '...'} strings accept both {@code ''} and backslash escapes (MySQL, PostgreSQL
 *       {@code E'...'}); dollar quotes {@code $$...$$} / {@code $tag$...$tag$}; {@code $1} is a
 *       parameter.</li>
 *   <li>{@code "x"} and {@code `x`} are quoted identifiers with a doubled closer inside; in {@code "x"}
 *       a backslash also escapes (MySQL double-quoted strings);
 *       {@code [x]} is a quoted identifier unless the {@code [} is glued to a preceding word, number,
 *       {@code )} or {@code ]}, which makes it an array subscript or type suffix ({@code arr[1]},
 *       {@code int[]}, {@code ARRAY[1,2]}).</li>
 * </ul>
 */
final class SqlLexer {

    static final int EOF = 0;
    /** An unquoted identifier or keyword. */
    static final int WORD = 1;
    /** A quoted identifier: {@code "x"}, {@code `x`} or {@code [x]}; {@link #ch} is the opening char. */
    static final int QUOTED = 2;
    /** A string literal ({@code '..'} or a dollar quote). */
    static final int STRING = 3;
    static final int NUMBER = 4;
    /** {@code $1}-style positional parameter. */
    static final int PARAM = 5;
    /** Any other single character; see {@link #ch}. */
    static final int PUNCT = 6;

    /** PostgreSQL limits identifiers (and so dollar-quote tags) to 63 bytes. */
    static final int MAX_DOLLAR_TAG = 63;

    private final String s;
    private final int n;
    private int pos;
    /** Open MySQL executable comments whose closing {@code *}{@code /} is still to come. */
    private int execDepth;
    private int lastType = EOF;
    private int lastEnd = -1;
    private char lastCh;

    // The current token.
    int type;
    int start;
    int end;
    char ch;
    boolean unterminated;

    // The token lexed last by lex(): the look-ahead while hasPeek, else about to become current.
    private boolean hasPeek;
    private int rType;
    private int rStart;
    private int rEnd;
    private char rCh;
    private boolean rUnterminated;

    SqlLexer(String sql) {
        this.s = sql;
        this.n = sql.length();
    }

    String source() {
        return s;
    }

    /** Advances to the next token. */
    void next() {
        if (!hasPeek) {
            lex();
        }
        hasPeek = false;
        type = rType;
        start = rStart;
        end = rEnd;
        ch = rCh;
        unterminated = rUnterminated;
    }

    /** @return the type of the token after the current one, without consuming anything */
    int peek() {
        if (!hasPeek) {
            lex();
            hasPeek = true;
        }
        return rType;
    }

    /** @return whether the current token is the (upper-case) keyword {@code k}, ignoring case */
    boolean kw(String k) {
        return type == WORD && matches(start, end, k);
    }

    /** @return whether the look-ahead token is the (upper-case) keyword {@code k}, ignoring case */
    boolean peekKw(String k) {
        return peek() == WORD && matches(rStart, rEnd, k);
    }

    /** @return whether the current token is the single character {@code c} */
    boolean punct(char c) {
        return type == PUNCT && ch == c;
    }

    boolean peekPunct(char c) {
        return peek() == PUNCT && rCh == c;
    }

    /** @return whether the current token can be (part of) a name: a word or a complete quoted identifier */
    boolean isNamePart() {
        return type == WORD || (type == QUOTED && !unterminated && end - start > 2);
    }

    boolean peekIsNamePart() {
        int t = peek();
        return t == WORD || (t == QUOTED && !rUnterminated && rEnd - rStart > 2);
    }

    /** ASCII-only case-insensitive comparison; non-ASCII never matches a keyword. */
    private boolean matches(int from, int to, String k) {
        int len = to - from;
        if (len != k.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(from + i);
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != k.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the identifier text of the current {@link #isNamePart() name part}: a word as written,
     *         or a quoted identifier without its quotes and with doubled closers collapsed
     */
    String text() {
        if (type != QUOTED) {
            return s.substring(start, end);
        }
        char closer = ch == '[' ? ']' : ch;
        int from = start + 1;
        int to = end - 1;
        int dbl = s.indexOf(closer, from);
        if (dbl < 0 || dbl >= to) {
            return s.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            b.append(c);
            if (c == closer) {
                i++; // the lexer only accepts the closer doubled inside
            }
        }
        return b.toString();
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || (c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF'));
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && !isSpace(c));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private char at(int i) {
        return i < n ? s.charAt(i) : '\0';
    }

    /** Lexes the next token of the input into the r* fields. */
    private void lex() {
        rUnterminated = false;
        rCh = 0;
        while (true) {
            if (pos >= n) {
                rType = EOF;
                rStart = n;
                rEnd = n;
                return;
            }
            char c = s.charAt(pos);
            if (isSpace(c)) {
                pos++;
                continue;
            }
            if (c == '-' && at(pos + 1) == '-') {
                skipLine();
                continue;
            }
            if (c == '#' && at(pos + 1) != '>') {
                skipLine();
                continue;
            }
            if (c == '/' && at(pos + 1) == '*') {
                skipBlockCommentOrOpenExecutable();
                continue;
            }
            if (c == '*' && execDepth > 0 && at(pos + 1) == '/') {
                pos += 2;
                execDepth--;
                continue;
            }
            rStart = pos;
            if (isIdentStart(c)) {
                pos++;
                while (pos < n && isIdentPart(s.charAt(pos))) {
                    pos++;
                }
                rType = WORD;
            } else if (isDigit(c)) {
                pos++;
                while (pos < n && (isIdentPart(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                rType = NUMBER;
            } else if (c == '\'') {
                string();
            } else if (c == '"' || c == '`') {
                quoted(c, c, c == '"');
            } else if (c == '[' && !gluedSubscript()) {
                quoted('[', ']', false);
            } else if (c == '$') {
                dollar();
            } else {
                pos++;
                rType = PUNCT;
                rCh = c;
            }
            rEnd = pos;
            lastType = rType;
            lastEnd = pos;
            lastCh = rCh;
            return;
        }
    }

    /** {@code [} directly after a word, number, parameter, {@code )} or {@code ]} is a subscript. */
    private boolean gluedSubscript() {
        if (lastEnd != pos) {
            return false;
        }
        return lastType == WORD || lastType == QUOTED || lastType == NUMBER || lastType == PARAM
                || (lastType == PUNCT && (lastCh == ')' || lastCh == ']'));
    }

    private void skipLine() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '\n' || c == '\r') {
                break;
            }
            pos++;
        }
    }

    /** At {@code /*}: skips a (nested) comment, or only the opener of an executable comment. */
    private void skipBlockCommentOrOpenExecutable() {
        char c2 = at(pos + 2);
        if (c2 == '!' || (c2 == 'M' && at(pos + 3) == '!')) {
            pos += c2 == '!' ? 3 : 4;
            for (int i = 0; i < 6 && pos < n && isDigit(s.charAt(pos)); i++) {
                pos++; // the minimum server version, e.g. /*!50001
            }
            execDepth++;
            return;
        }
        pos += 2;
        int depth = 1;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '*' && at(pos + 1) == '/') {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else if (c == '/' && at(pos + 1) == '*') {
                pos += 2;
                depth++;
            } else {
                pos++;
            }
        }
    }

    private void string() {
        pos++;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '\'') {
                if (at(pos + 1) == '\'') {
                    pos += 2;
                } else {
                    pos++;
                    rType = STRING;
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = n;
        rType = STRING;
        rUnterminated = true;
    }

    /**
     * @param backslash whether a backslash escapes the next character: MySQL (without ANSI_QUOTES)
     *                  reads {@code "..."} as a string with backslash escapes; an identifier ending in
     *                  a backslash, the only thing this breaks elsewhere, does not occur in practice
     */
    private void quoted(char open, char close, boolean backslash) {
        rCh = open;
        rType = QUOTED;
        pos++;
        while (pos < n) {
            char c = s.charAt(pos);
            if (backslash && c == '\\') {
                pos += 2;
            } else if (c == close) {
                if (at(pos + 1) == close) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = n;
        rUnterminated = true;
    }

    /** At {@code $}: a positional parameter, a dollar-quoted string, or a lone {@code $}. */
    private void dollar() {
        int tagStart = pos + 1;
        char c1 = at(tagStart);
        if (isDigit(c1)) {
            pos = tagStart;
            while (pos < n && isDigit(s.charAt(pos))) {
                pos++;
            }
            rType = PARAM;
            return;
        }
        int tagEnd = tagStart;
        if (c1 != '$') {
            if (!isIdentStart(c1)) {
                pos++;
                rType = PUNCT;
                rCh = '$';
                return;
            }
            while (tagEnd < n && tagEnd - tagStart <= MAX_DOLLAR_TAG
                    && (isIdentStart(s.charAt(tagEnd)) || isDigit(s.charAt(tagEnd)))) {
                tagEnd++;
            }
            if (at(tagEnd) != '$' || tagEnd - tagStart > MAX_DOLLAR_TAG) {
                pos++;
                rType = PUNCT;
                rCh = '$';
                return;
            }
        }
        int tagLen = tagEnd - tagStart;
        rType = STRING;
        int i = tagEnd + 1;
        while (true) {
            int d = s.indexOf('$', i);
            if (d < 0) {
                pos = n;
                rUnterminated = true;
                return;
            }
            if (s.regionMatches(d + 1, s, tagStart, tagLen) && at(d + 1 + tagLen) == '$') {
                pos = d + tagLen + 2;
                return;
            }
            i = d + 1;
        }
    }
}
