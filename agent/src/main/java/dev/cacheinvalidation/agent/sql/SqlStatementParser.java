package dev.cacheinvalidation.agent.sql;

/**
 * The driver: splits the string into statements at {@code ;}, dispatches each statement's first
 * keyword to a head parser, and skips the rest of the statement in a mode chosen by the head.
 *
 * <p>There is no recursion: {@link #parse()} alternates {@link #statement()} (a loop over leading
 * keywords such as BEGIN or EXPLAIN ANALYZE that introduce another statement) and {@link #rest(int)}
 * (a loop over tokens with a parenthesis counter), which may call a head parser for a nested
 * data-modifying statement or the main statement of a WITH; head parsers never call back into
 * {@code rest}. Every step consumes at least one token, so the work is linear in the input length.
 *
 * <p>A {@code ;} ends a statement at any parenthesis depth: in valid SQL it only appears inside
 * procedural bodies, where splitting early can only report more, never less.
 */
final class SqlStatementParser extends DdlParser {

    /** How many EXPLAIN option tokens are examined before giving up (no statement needs more). */
    private static final int MAX_EXPLAIN_OPTIONS = 16;

    SqlStatementParser(String sql) {
        super(sql);
    }

    SqlAnalysis parse() {
        lx.next();
        while (lx.type != SqlLexer.EOF) {
            rest(statement());
        }
        return result();
    }

    /**
     * Parses the head of the statement at the current token.
     *
     * @return the mode in which the rest of the statement is skipped
     */
    private int statement() {
        while (lx.type == SqlLexer.WORD) {
            if (kw("SELECT")) {
                lx.next();
                return SELECT;
            }
            if (kw("INSERT")) {
                return insert() ? INSERT_ALL : PLAIN;
            }
            if (kw("UPDATE")) {
                update();
                return PLAIN;
            }
            if (kw("DELETE")) {
                delete();
                return PLAIN;
            }
            if (kw("MERGE") || kw("UPSERT")) {
                mergeOrUpsert();
                return PLAIN;
            }
            if (kw("REPLACE")) {
                replace();
                return PLAIN;
            }
            if (kw("TRUNCATE")) {
                truncate();
                return PLAIN;
            }
            if (kw("WITH")) {
                lx.next();
                accept("RECURSIVE");
                return WITH;
            }
            if (kw("CREATE")) {
                return create();
            }
            if (kw("ALTER")) {
                return alter();
            }
            if (kw("DROP")) {
                return drop();
            }
            if (kw("RENAME")) {
                return rename();
            }
            if (kw("EXPLAIN") || kw("DESCRIBE") || kw("DESC")) {
                if (!explainAnalyze()) {
                    return INERT; // EXPLAIN without ANALYZE only plans
                }
                continue; // EXPLAIN ANALYZE executes the statement that follows
            }
            if (kw("BEGIN")) {
                // "BEGIN [WORK|TRANSACTION]" is a READ; "BEGIN INSERT ...; END" is a block whose first
                // statement follows directly, so look at what comes next as a statement of its own.
                lx.next();
                continue;
            }
            if (kw("SET") && lx.peekKw("STATEMENT")) {
                // MariaDB "SET STATEMENT var=value [, ...] FOR <statement>" runs the statement
                if (!skipToTopLevelFor()) {
                    return INERT;
                }
                continue;
            }
            if (kw("REFRESH")) {
                return refresh();
            }
            if (kw("COPY")) {
                return copy();
            }
            if (kw("LOAD")) {
                return load();
            }
            if (kw("RUNSCRIPT")) { // H2 runs a script file: it writes, we cannot see what
                write = true;
                incomplete = true;
                return INERT;
            }
            return INERT; // SHOW, SET, CALL, GRANT, VACUUM, LOCK, ... and anything unknown: a READ
        }
        return PLAIN;
    }

    /** Skips to just after the next top-level FOR of the statement; {@code false} if there is none. */
    private boolean skipToTopLevelFor() {
        while (!atEnd()) {
            if (kw("FOR")) {
                lx.next();
                return true;
            }
            if (punct('(')) {
                skipParens();
            } else {
                lx.next();
            }
        }
        return false;
    }

    /**
     * Skips {@code EXPLAIN|DESCRIBE} and its options: PostgreSQL {@code ANALYZE VERBOSE} or
     * {@code (ANALYZE [true|false], ...)}, MySQL {@code FORMAT=JSON} / {@code ANALYZE}, H2
     * {@code ANALYZE}.
     *
     * @return whether ANALYZE was given, i.e. whether the statement that follows is executed
     */
    private boolean explainAnalyze() {
        lx.next();
        boolean analyze = false;
        for (int i = 0; i < MAX_EXPLAIN_OPTIONS && !atEnd(); i++) {
            if (kw("ANALYZE") || kw("ANALYSE")) {
                analyze = true;
                lx.next();
            } else if (kw("VERBOSE") || kw("EXTENDED") || kw("PARTITIONS") || kw("QUERY") || kw("PLAN")
                    || kw("FOR")) {
                lx.next();
            } else if (kw("FORMAT") && lx.peekPunct('=')) {
                lx.next();
                lx.next();
                lx.next();
            } else if (punct('(')) {
                analyze |= explainOptionList();
            } else {
                break;
            }
        }
        return analyze;
    }

    /** At {@code (} of {@code EXPLAIN (ANALYZE, BUFFERS)}: whether ANALYZE is on. */
    private boolean explainOptionList() {
        lx.next();
        boolean analyze = false;
        while (!atEnd() && !punct(')')) {
            if (kw("ANALYZE") || kw("ANALYSE")) {
                lx.next();
                boolean off = kw("FALSE") || kw("OFF")
                        || (lx.type == SqlLexer.NUMBER && lx.end - lx.start == 1 && lx.source().charAt(lx.start) == '0');
                analyze |= !off;
            } else if (punct('(')) {
                skipParens();
            } else {
                lx.next();
            }
        }
        if (punct(')')) {
            lx.next();
        }
        return analyze;
    }

    /** Skips to after the statement's {@code ;} (or EOF), handling what the mode asks for. */
    private void rest(int mode) {
        int depth = 0;
        while (true) {
            int type = lx.type;
            if (type == SqlLexer.EOF) {
                return;
            }
            if (type == SqlLexer.PUNCT) {
                char c = lx.ch;
                if (c == ';') {
                    lx.next();
                    return;
                }
                if (c == '(') {
                    depth++;
                    lx.next();
                    if (mode != INERT && nestedDmlStart()) {
                        nested();
                    }
                    continue;
                }
                if (c == ')') {
                    lx.next();
                    if (depth > 0 && --depth == 0 && mode == WITH && mainStatementAfterCtes()) {
                        mode = statement();
                    }
                    continue;
                }
            } else if (type == SqlLexer.WORD && depth == 0) {
                if (mode == SELECT && kw("INTO")) {
                    selectInto();
                    continue;
                }
                if (mode == ALTER_TABLE) {
                    alterTableClause();
                    continue;
                }
                if (mode == INSERT_ALL && kw("INTO")) {
                    lx.next();
                    addTable(name(false));
                    continue;
                }
            }
            lx.next();
        }
    }

    /** A statement nested after {@code (}, already recognised by {@link #nestedDmlStart()}. */
    private void nested() {
        if (kw("INSERT")) {
            insert();
        } else if (kw("UPDATE")) {
            update();
        } else if (kw("DELETE")) {
            delete();
        } else {
            mergeOrUpsert();
        }
    }

    /** After the {@code )} of a CTE body: does the main statement of the WITH start here? */
    private boolean mainStatementAfterCtes() {
        return kw("SELECT") || kw("INSERT") || kw("UPDATE") || kw("DELETE") || kw("MERGE") || kw("UPSERT")
                || kw("REPLACE") || kw("VALUES") || kw("TABLE");
    }

    /**
     * At a top-level INTO of a SELECT. MySQL {@code INTO @var}, {@code INTO OUTFILE/DUMPFILE} and
     * PL/pgSQL {@code INTO STRICT} are reads; otherwise {@code INTO [TEMP|TEMPORARY|UNLOGGED] [TABLE] t}
     * (PostgreSQL, SQL Server) creates and fills t: a WRITE of t.
     */
    private void selectInto() {
        lx.next();
        if (punct('@') || punct(':') || punct('?') || lx.type == SqlLexer.PARAM || kw("OUTFILE")
                || kw("DUMPFILE") || kw("STRICT")) {
            return;
        }
        write = true;
        if (kw("TEMPORARY") || kw("TEMP") || kw("UNLOGGED")) {
            lx.next();
        }
        accept("TABLE");
        addTable(name(false));
    }
}
