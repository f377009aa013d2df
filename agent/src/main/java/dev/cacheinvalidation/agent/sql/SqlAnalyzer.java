package dev.cacheinvalidation.agent.sql;

/**
 * Classifies a JDBC SQL string as {@link StatementKind#READ}, {@link StatementKind#WRITE} or
 * {@link StatementKind#DDL} and extracts every table it writes. Understands the H2, PostgreSQL and
 * MySQL/MariaDB dialects (and common SQL Server spellings) at once, without being told which.
 *
 * <p><b>Contract.</b> {@link #analyze(String)} never throws and never returns {@code null}. It is
 * linear in the length of the string (a hand-written lexer, no regular expressions, no unbounded
 * recursion: nesting is tracked with counters), and allocates nothing for a read beyond a lexer and a
 * parser object. See {@link SqlAnalysis} for the meaning of the result, in particular that
 * <b>a WRITE with no tables means "some table was written, which is unknown"</b>: that is the result
 * when a statement looks like a write but its target cannot be parsed, when more than
 * {@value #MAX_TABLES} distinct tables are named, and when the analyser itself fails unexpectedly
 * (an internal error returns WRITE with no tables, the most conservative answer that does not claim
 * a schema change).
 *
 * <p><b>Thread-safety.</b> Stateless; safe for concurrent use. Put {@link CachingSqlAnalyzer} in front
 * of it on hot paths.
 *
 * <p><b>What is recognised.</b> Writes: {@code INSERT [IGNORE] [INTO]}, {@code INSERT ... SELECT}
 * (only the target), {@code ON CONFLICT} / {@code ON DUPLICATE KEY UPDATE}, {@code REPLACE [INTO]},
 * {@code MERGE [INTO]} (including H2 {@code MERGE INTO .. KEY}), {@code UPSERT INTO},
 * {@code UPDATE} (MySQL multi-table: tables qualifying SET targets, else all joined tables; PostgreSQL
 * {@code UPDATE a .. FROM b}: only a), {@code DELETE} (MySQL {@code DELETE a, b FROM ..} and
 * {@code DELETE FROM a USING ..}; PostgreSQL {@code DELETE FROM a USING b}: only a),
 * {@code TRUNCATE [TABLE] a, b} (a WRITE, not DDL: the rows go, the table stays),
 * {@code SELECT .. INTO newtable} (MySQL {@code INTO @var / OUTFILE / DUMPFILE} is a READ), PostgreSQL
 * data-modifying CTEs and H2 {@code FINAL TABLE (INSERT ..)} (any {@code (INSERT INTO}, {@code (UPDATE},
 * {@code (DELETE FROM}, {@code (MERGE INTO}), {@code EXPLAIN ANALYZE <dml>} (it executes),
 * {@code REFRESH MATERIALIZED VIEW v} (a WRITE of v), PostgreSQL {@code COPY t FROM}, MySQL
 * {@code LOAD DATA .. INTO TABLE t}, H2 {@code RUNSCRIPT} (WRITE, tables unknown). DDL: every
 * {@code CREATE}, {@code ALTER}, {@code DROP} and {@code RENAME}; see {@code DdlParser} for the tables
 * reported (tables and views by name, {@code CREATE/DROP INDEX|TRIGGER .. ON t} as t, both names of a
 * rename; sequences, schemas, functions ... give DDL without a table).
 *
 * <p><b>Documented choices and limits.</b>
 * <ul>
 *   <li>An unknown leading keyword makes that statement a READ, as do SHOW, SET, USE, DESCRIBE,
 *       EXPLAIN (without ANALYZE), VALUES, TABLE, BEGIN/START TRANSACTION/COMMIT/ROLLBACK/SAVEPOINT,
 *       LOCK/UNLOCK, VACUUM, ANALYZE, OPTIMIZE, GRANT/REVOKE, COMMENT ON, PREPARE and ALTER
 *       SESSION/SYSTEM: none changes table contents or shape.</li>
 *   <li>CALL/EXEC/EXECUTE and PostgreSQL DO are READs: procedure and block bodies are not visible in
 *       the SQL (nor are writes made by functions called from a SELECT, or by triggers).</li>
 *   <li>A block {@code BEGIN <stmt>; ... END} is analysed statement by statement; {@code ;} ends a
 *       statement at any depth, so bodies of CREATE PROCEDURE/TRIGGER may add tables to a DDL.</li>
 *   <li>{@code #} starts a MySQL comment wherever a token would begin (except {@code #>}), so a
 *       PostgreSQL {@code #} (XOR) operator hides the rest of its line, and SQL Server {@code #temp}
 *       names are unparsable (WRITE with unknown tables).</li>
 *   <li>{@code --} always starts a comment; {@code /* *}{@code /} comments nest (PostgreSQL) even
 *       for MySQL; MySQL/MariaDB executable comments {@code /*! .. *}{@code /} are read as SQL.</li>
 *   <li>Backslash escapes in every {@code '..'} string (MySQL); a PostgreSQL standard string ending
 *       in a backslash ({@code 'C:\'}) therefore swallows what follows up to the next quote.
 *       {@code "..."} is an identifier (a MySQL string in MySQL: harmless, strings name no table)
 *       in which a backslash escapes too, so {@code "it\"s"} is skipped whole.</li>
 *   <li>{@code [x]} is a quoted identifier unless glued to a preceding word, number or bracket
 *       ({@code a[1]}, {@code int[]}, {@code ARRAY[..]} are subscripts).</li>
 *   <li>Names keep their case and lose their quotes; names of more than 8
 *       parts, empty quoted names and unterminated quoted names are unparsable.</li>
 *   <li>Aliases are resolved only to pick the written table ({@code DELETE p FROM post p}); alias
 *       matching ignores case.</li>
 *   <li>Only the SQL is seen: rows changed by triggers, by {@code ON DELETE/UPDATE CASCADE} foreign
 *       keys, by {@code TRUNCATE .. CASCADE} on referencing tables, or by a later
 *       {@code EXECUTE} of a {@code PREPARE .. AS <dml>} are not reported.</li>
 *   <li>A data-modifying statement nested in parentheses that a statement head skips (e.g. H2
 *       {@code FINAL TABLE (INSERT ..)} inside an UPDATE's SET expression) makes the result WRITE with
 *       unknown tables; elsewhere nested ones are parsed.</li>
 *   <li>A renamed table's new name is reported as written ({@code ALTER TABLE s.a RENAME TO b}
 *       reports {@code s.a} and {@code b}).</li>
 *   <li>SQL Server-only constructs ({@code OUTPUT .. INTO t}, {@code IF .. UPDATE}, {@code #temp})
 *       are not analysed.</li>
 * </ul>
 */
public final class SqlAnalyzer {

    /** At most this many distinct tables are reported per string; beyond it, the tables are unknown. */
    public static final int MAX_TABLES = ParserSupport.MAX_TABLES;

    private SqlAnalyzer() {
    }

    /**
     * Analyses a SQL string (one statement or several separated by {@code ;}).
     *
     * @param sql the SQL as given to JDBC; may be {@code null}
     * @return the analysis; {@link SqlAnalysis#READ} for {@code null} or empty input; never
     *         {@code null}; WRITE with no tables on any internal error
     */
    public static SqlAnalysis analyze(String sql) {
        if (sql == null || sql.isEmpty()) {
            return SqlAnalysis.READ;
        }
        try {
            return new SqlStatementParser(sql).parse();
        } catch (Throwable e) { // never let the agent break the application's JDBC call
            return SqlAnalysis.WRITE_UNKNOWN;
        }
    }
}
