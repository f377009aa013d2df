package dev.cacheinvalidation.agent.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * State and shared grammar helpers of the statement parser: the token cursor, the accumulated result
 * and the parsing of names, aliases and table-reference lists.
 *
 * <p>The parser is split over {@code ParserSupport -> DmlParser -> DdlParser -> SqlStatementParser}
 * only to keep files short; an analysis allocates one parser and one lexer. Nothing here recurses:
 * parentheses are skipped with a counter, and every loop consumes at least one token per iteration
 * (or stops), so the whole analysis is linear in the input. Not thread-safe: one instance per call.
 */
abstract class ParserSupport {

    /** At most this many distinct tables are collected per string; more makes the result "unknown". */
    static final int MAX_TABLES = 256;

    /** {@code a.b.c.d...}: more parts than this is not a name we trust. */
    static final int MAX_NAME_PARTS = 8;

    /** A table reference in a FROM/USING/UPDATE list: a table (null for a derived table) and its alias. */
    record Ref(TableRef table, String alias) {
    }

    /**
     * Words that end a table reference instead of being its alias. Any other word after a table name
     * is taken for an alias (with or without AS).
     */
    private static final String[] NOT_ALIAS = {
        "SET", "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "STRAIGHT_JOIN",
        "OUTER", "ON", "USING", "USE", "IGNORE", "FORCE", "PARTITION", "FROM", "ORDER", "LIMIT",
        "RETURNING", "OUTPUT", "OPTION", "WITH", "GROUP", "HAVING", "WINDOW", "UNION", "EXCEPT",
        "INTERSECT", "MINUS", "FOR", "TABLESAMPLE", "VALUES", "VALUE", "SELECT", "DEFAULT", "KEY",
        "WHEN", "THEN", "LATERAL", "INTO", "OFFSET", "FETCH", "CASCADE", "RESTRICT", "RESTART",
        "CONTINUE", "AND", "OR", "NOT", "LOCK", "DIRECT", "SORTED", "OVERRIDING",
    };

    /** Words that end a table-reference list (UPDATE targets, FROM, USING). */
    private static final String[] END_OF_REFS = {
        "SET", "WHERE", "RETURNING", "ORDER", "LIMIT", "OPTION", "OUTPUT", "GROUP", "HAVING", "WINDOW",
        "UNION", "EXCEPT", "INTERSECT", "FOR", "OFFSET", "FETCH",
    };

    final SqlLexer lx;
    boolean write;
    boolean ddl;
    /** A write/DDL target could not be parsed, or too many tables: report no tables at all. */
    boolean incomplete;
    private TableRef[] tables;
    private int count;
    /**
     * Hash index over {@link #tables}, built once there are {@value #LINEAR_LIMIT} of them, so that the
     * distinct check stays O(1) even for a string naming hundreds of tables over and over.
     */
    private short[] slots;
    private static final int LINEAR_LIMIT = 8;
    private static final int SLOTS = 512; // a power of two, at least 2 * MAX_TABLES

    ParserSupport(String sql) {
        this.lx = new SqlLexer(sql);
    }

    // ---- result -----------------------------------------------------------------------------------

    /** Records a target; {@code null} means "there is a target, but it could not be parsed". */
    final void addTable(TableRef t) {
        if (t == null) {
            incomplete = true;
            return;
        }
        if (incomplete) {
            return; // the list will be dropped anyway; keeps 10,000 statements cheap
        }
        if (tables == null) {
            tables = new TableRef[4];
        }
        int h = t.hashCode();
        if (slots == null) {
            for (int i = 0; i < count; i++) {
                if (tables[i].equals(t)) {
                    return;
                }
            }
        } else {
            // Open addressing over indexes + 1 (0 = empty): at most MAX_TABLES of SLOTS are used.
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            for (int i = slots[slot]; i != 0; slot = (slot + 1) & (SLOTS - 1), i = slots[slot]) {
                if (tables[i - 1].equals(t)) {
                    return;
                }
            }
        }
        if (count == MAX_TABLES) {
            incomplete = true;
            return;
        }
        if (count == tables.length) {
            tables = Arrays.copyOf(tables, Math.min(MAX_TABLES, count * 2));
        }
        tables[count++] = t;
        if (slots == null && count == LINEAR_LIMIT) {
            slots = new short[SLOTS];
            for (int i = 0; i < count; i++) {
                index(tables[i].hashCode(), i);
            }
        } else if (slots != null) {
            index(h, count - 1);
        }
    }

    private void index(int h, int position) {
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        while (slots[slot] != 0) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        slots[slot] = (short) (position + 1);
    }

    final SqlAnalysis result() {
        if (!write && !ddl) {
            return SqlAnalysis.READ;
        }
        StatementKind kind = ddl ? StatementKind.DDL : StatementKind.WRITE;
        if (incomplete || count == 0) {
            return ddl ? SqlAnalysis.DDL_UNKNOWN : SqlAnalysis.WRITE_UNKNOWN;
        }
        return SqlAnalysis.of(kind, Arrays.asList(tables).subList(0, count));
    }

    // ---- token helpers ----------------------------------------------------------------------------

    final boolean kw(String k) {
        return lx.kw(k);
    }

    final boolean punct(char c) {
        return lx.punct(c);
    }

    /** End of the statement: EOF or {@code ;}. */
    final boolean atEnd() {
        return lx.type == SqlLexer.EOF || lx.punct(';');
    }

    /** Consumes the keyword if present. */
    final boolean accept(String k) {
        if (lx.kw(k)) {
            lx.next();
            return true;
        }
        return false;
    }

    private boolean kwIn(String[] words) {
        if (lx.type != SqlLexer.WORD) {
            return false;
        }
        for (String w : words) {
            if (lx.kw(w)) {
                return true;
            }
        }
        return false;
    }

    /** Skips {@code IF EXISTS} / {@code IF NOT EXISTS}. */
    final void skipIfExists() {
        if (kw("IF") && (lx.peekKw("EXISTS") || lx.peekKw("NOT"))) {
            lx.next();
            accept("NOT");
            accept("EXISTS");
        }
    }

    /** Skips SQL Server's {@code TOP (n) [PERCENT]} / {@code TOP n}. */
    final void skipTop() {
        if (kw("TOP") && (lx.peekPunct('(') || lx.peek() == SqlLexer.NUMBER)) {
            lx.next();
            if (punct('(')) {
                skipParens();
            } else {
                lx.next();
            }
            accept("PERCENT");
        }
    }

    /**
     * At {@code (}: skips to just after the matching {@code )} with a counter, stopping early (without
     * consuming) at {@code ;} or EOF. A data-modifying statement found inside is not parsed here, so
     * it makes the result a WRITE with unknown tables.
     */
    final void skipParens() {
        int depth = 0;
        while (true) {
            if (atEnd()) {
                return;
            }
            if (punct('(')) {
                depth++;
                lx.next();
                if (nestedDmlStart()) {
                    write = true;
                    incomplete = true;
                }
                continue;
            }
            if (punct(')')) {
                lx.next();
                if (--depth <= 0) {
                    return;
                }
                continue;
            }
            lx.next();
        }
    }

    /**
     * Just after {@code (}: is this the start of a nested data-modifying statement (a PostgreSQL
     * data-modifying CTE body, an H2 {@code FINAL TABLE (INSERT ...)} delta table)? Strict on the
     * following word so that MySQL's {@code INSERT(str, ...)} function and column names are not taken.
     */
    final boolean nestedDmlStart() {
        if (lx.type != SqlLexer.WORD) {
            return false;
        }
        if (kw("INSERT") || kw("MERGE") || kw("UPSERT")) {
            return lx.peekKw("INTO");
        }
        if (kw("DELETE")) {
            return lx.peekKw("FROM");
        }
        if (kw("UPDATE")) {
            return lx.peekIsNamePart() && !lx.peekKw("SET");
        }
        return false;
    }

    // ---- names and table references ---------------------------------------------------------------

    /**
     * Parses {@code part(.part)*} at the current token and leaves the cursor after it.
     *
     * @param allowStar accept and consume a trailing {@code .*} (MySQL {@code DELETE t.* FROM ...})
     * @return the name, or {@code null} if the current token does not start a usable name
     */
    final TableRef name(boolean allowStar) {
        if (!lx.isNamePart()) {
            return null;
        }
        String first = lx.text();
        lx.next();
        if (!punct('.')) {
            return new TableRef(null, first);
        }
        String[] parts = null;
        int k = 1;
        while (punct('.')) {
            if (allowStar && lx.peekPunct('*')) {
                lx.next();
                lx.next();
                break;
            }
            if (!lx.peekIsNamePart()) {
                break;
            }
            lx.next();
            if (k == MAX_NAME_PARTS) {
                return null;
            }
            if (parts == null) {
                parts = new String[MAX_NAME_PARTS];
                parts[0] = first;
            }
            parts[k++] = lx.text();
            lx.next();
        }
        if (k == 1) {
            return new TableRef(null, first);
        }
        StringBuilder schema = new StringBuilder(parts[0]);
        for (int i = 1; i < k - 1; i++) {
            schema.append('.').append(parts[i]);
        }
        return new TableRef(schema.toString(), parts[k - 1]);
    }

    /** Parses an optional {@code [AS] alias}; returns the alias or {@code null}. */
    final String alias() {
        boolean as = accept("AS");
        if (lx.type == SqlLexer.QUOTED && lx.isNamePart()) {
            String a = lx.text();
            lx.next();
            return a;
        }
        if (lx.type == SqlLexer.WORD && (as || !kwIn(NOT_ALIAS))) {
            String a = lx.text();
            lx.next();
            return a;
        }
        return null;
    }

    /**
     * Parses a table-reference list ({@code a [AS] x, b JOIN c ON ... }) up to a clause keyword such
     * as SET or WHERE, {@code ;}, an unmatched {@code )} or EOF (none of which is consumed). Join
     * conditions and derived tables are skipped. At most {@value #MAX_TABLES} references are kept
     * (more makes the result incomplete), which bounds the alias matching done with the list.
     *
     * @param strict whether an unparsable table reference makes the result incomplete (UPDATE targets)
     */
    final List<Ref> refs(boolean strict) {
        List<Ref> refs = new ArrayList<>(2);
        boolean expect = true;
        // A clause keyword only ends the list where no table name is expected, so that a table
        // called e.g. "option" still parses.
        while (!atEnd() && !punct(')') && (expect || !kwIn(END_OF_REFS))) {
            if (expect && refs.size() == MAX_TABLES) {
                incomplete = true; // keep consuming, stop collecting
                expect = false;
            }
            if (expect) {
                if (kw("ONLY") || kw("LATERAL")) {
                    lx.next();
                    continue;
                }
                expect = false;
                if (punct('(')) {
                    skipParens();
                    refs.add(new Ref(null, alias()));
                    continue;
                }
                TableRef t = name(false);
                if (t == null) {
                    if (strict) {
                        incomplete = true;
                    }
                    continue;
                }
                if (punct('(')) { // a table function, e.g. generate_series(1, 3) g
                    skipParens();
                    refs.add(new Ref(null, alias()));
                    continue;
                }
                if (punct('*')) {
                    lx.next(); // PostgreSQL "t *": t and its descendants
                }
                refs.add(new Ref(t, alias()));
            } else if (punct(',') || kw("JOIN") || kw("STRAIGHT_JOIN") || kw("APPLY")) {
                expect = true;
                lx.next();
            } else if (punct('(')) {
                skipParens();
            } else {
                lx.next();
            }
        }
        return refs;
    }

    /**
     * Resolves a target written as an alias ({@code DELETE p FROM post p}, SQL Server
     * {@code UPDATE p SET .. FROM post p}) to its table, using the given references.
     */
    static TableRef resolve(TableRef target, String targetAlias, List<Ref> refs) {
        if (refs == null || targetAlias != null || target.schema() != null) {
            return target;
        }
        for (Ref r : refs) {
            if (r.table() != null && r.alias() != null && r.alias().equalsIgnoreCase(target.name())) {
                return r.table();
            }
        }
        return target;
    }
}
