package dev.cacheinvalidation.agent.sql;

/**
 * The heads of DDL statements (CREATE, ALTER, DROP, RENAME) and of the other statements that name a
 * table in a fixed place (REFRESH MATERIALIZED VIEW, COPY, LOAD DATA). Each returns the mode in which
 * the caller must skip the rest of the statement.
 *
 * <p>Tables reported for DDL: the table or view created, altered, dropped or renamed (both old and new
 * names), the table of {@code CREATE/DROP INDEX ... ON t} and {@code CREATE/DROP TRIGGER ... ON t},
 * the parent of {@code CREATE TABLE .. PARTITION OF p} and the partitions attached, detached or
 * exchanged by ALTER TABLE. Every other object (sequence, schema, database, function, type, user ...)
 * gives DDL without a table.
 */
abstract class DdlParser extends DmlParser {

    /** Skip the rest, but start nested data-modifying statements found after {@code (}. */
    static final int PLAIN = 0;
    /** Skip the rest blindly: it is never executed now (bodies, EXPLAIN without ANALYZE, unknown). */
    static final int INERT = 1;
    /** A SELECT: also look for {@code INTO} at the top level ({@code SELECT .. INTO newtable}). */
    static final int SELECT = 2;
    /** After WITH: a DML or SELECT keyword right after a CTE body's {@code )} starts the main statement. */
    static final int WITH = 3;
    /** ALTER TABLE: also collect {@code RENAME TO x}, {@code ATTACH/DETACH PARTITION x}, {@code WITH TABLE x}. */
    static final int ALTER_TABLE = 4;
    /** {@code INSERT ALL|FIRST}: every top-level {@code INTO t} is a target. */
    static final int INSERT_ALL = 5;

    /** How many tokens after CREATE/ALTER/DROP are searched for the object type (past modifiers). */
    private static final int MAX_MODIFIER_TOKENS = 24;

    /** The object types that matter; any other (SEQUENCE, SCHEMA, ...) is DDL without a table. */
    private static final String[] OBJECT_TYPES = {
        "TABLE", "VIEW", "INDEX", "TRIGGER", "FUNCTION", "PROCEDURE", "RULE", "EVENT", "PACKAGE", "SESSION",
        "SYSTEM",
    };

    DdlParser(String sql) {
        super(sql);
    }

    /**
     * Advances past modifiers ({@code OR REPLACE}, {@code TEMPORARY}, {@code UNIQUE},
     * {@code DEFINER=`u`@`h`}, {@code ALGORITHM=MERGE} ...) to the object-type keyword, consuming it.
     *
     * @return the object type in upper case, or {@code null} if none was found nearby
     */
    private String objectType() {
        for (int i = 0; i < MAX_MODIFIER_TOKENS && !atEnd() && !punct('('); i++) {
            if (lx.type == SqlLexer.WORD) {
                for (String t : OBJECT_TYPES) {
                    if (kw(t)) {
                        lx.next();
                        return t;
                    }
                }
            }
            lx.next();
        }
        return null;
    }

    /** {@code CREATE ...}: always DDL. */
    final int create() {
        ddl = true;
        lx.next();
        String type = objectType();
        if (type == null) {
            return PLAIN;
        }
        switch (type) {
            case "TABLE":
            case "VIEW": {
                skipIfExists();
                TableRef t = name(false);
                addTable(t);
                if (t != null && kw("PARTITION") && lx.peekKw("OF")) {
                    lx.next();
                    lx.next();
                    addTable(name(false));
                }
                return PLAIN;
            }
            case "INDEX":
                if (findOn()) {
                    accept("ONLY");
                    addTable(name(false));
                } else {
                    incomplete = true;
                }
                return PLAIN;
            case "TRIGGER":
                if (findOn()) {
                    addTable(name(false));
                }
                return INERT;
            default:
                return INERT; // a body that runs later, not now
        }
    }

    /** Scans forward (without entering parentheses) to a top-level ON and consumes it. */
    private boolean findOn() {
        while (!atEnd() && !punct(')')) {
            if (kw("ON")) {
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

    /** {@code ALTER ...}: DDL, except {@code ALTER SESSION/SYSTEM} (configuration) which is a READ. */
    final int alter() {
        lx.next();
        String type = objectType();
        if ("SESSION".equals(type) || "SYSTEM".equals(type)) {
            return INERT;
        }
        ddl = true;
        if ("TABLE".equals(type) || "VIEW".equals(type)) {
            skipIfExists();
            accept("ONLY");
            addTable(name(false));
            if (punct('*')) {
                lx.next();
            }
            return ALTER_TABLE;
        }
        return "INDEX".equals(type) ? PLAIN : INERT;
    }

    /**
     * In ALTER TABLE, at a top-level word: collects {@code RENAME [TO|AS] x} (not
     * {@code RENAME [COLUMN] a TO b}, {@code RENAME CONSTRAINT/INDEX/KEY}), {@code ATTACH|DETACH
     * PARTITION x} and MySQL's {@code EXCHANGE PARTITION p WITH TABLE x}; skips H2's
     * {@code ALTER COLUMN c RENAME TO d}. Always consumes a token.
     */
    final void alterTableClause() {
        if (kw("RENAME")) {
            lx.next();
            if (accept("TO") || accept("AS")) {
                addTable(name(false));
            } else if (kw("COLUMN") || kw("CONSTRAINT") || kw("INDEX") || kw("KEY")) {
                lx.next();
            } else if (lx.isNamePart() && !lx.peekKw("TO")) {
                addTable(name(false)); // MySQL "RENAME new_name"
            }
        } else if (kw("ALTER")) { // H2 "ALTER COLUMN c RENAME TO d" renames a column, not the table
            lx.next();
            accept("COLUMN");
            if (lx.isNamePart()) {
                lx.next();
                if (kw("RENAME") && lx.peekKw("TO")) {
                    lx.next();
                    lx.next();
                }
            }
        } else if ((kw("ATTACH") || kw("DETACH")) && lx.peekKw("PARTITION")) {
            lx.next();
            lx.next();
            addTable(name(false));
        } else if (kw("WITH") && lx.peekKw("TABLE")) {
            lx.next();
            lx.next();
            addTable(name(false));
        } else {
            lx.next();
        }
    }

    /** {@code DROP ...}: DDL; a comma list of tables or views; the ON table of an index or trigger. */
    final int drop() {
        ddl = true;
        lx.next();
        String type = objectType();
        if ("TABLE".equals(type) || "VIEW".equals(type)) {
            skipIfExists();
            while (true) {
                TableRef t = name(false);
                addTable(t);
                if (t == null || !punct(',')) {
                    break;
                }
                lx.next();
            }
        } else if ("INDEX".equals(type) || "TRIGGER".equals(type)) {
            if (findOn()) { // MySQL/SQL Server "DROP INDEX i ON t", PostgreSQL "DROP TRIGGER x ON t"
                addTable(name(false));
            }
        }
        return PLAIN;
    }

    /** MySQL {@code RENAME TABLE a TO b [, c TO d]}: DDL of a, b, c and d. Other RENAMEs: DDL only. */
    final int rename() {
        ddl = true;
        lx.next();
        if (!accept("TABLE") && !accept("TABLES")) {
            return INERT;
        }
        while (true) {
            TableRef from = name(false);
            addTable(from);
            if (from == null || !accept("TO")) {
                if (from != null) {
                    incomplete = true;
                }
                return PLAIN;
            }
            TableRef to = name(false);
            addTable(to);
            if (to == null || !punct(',')) {
                return PLAIN;
            }
            lx.next();
        }
    }

    /** PostgreSQL {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] v}: a WRITE of v's rows. */
    final int refresh() {
        lx.next();
        if (!accept("MATERIALIZED") || !accept("VIEW")) {
            return INERT;
        }
        write = true;
        accept("CONCURRENTLY");
        addTable(name(false));
        return PLAIN;
    }

    /** PostgreSQL {@code COPY t [(cols)] FROM ...} writes t; {@code COPY t|(query) TO ...} reads. */
    final int copy() {
        lx.next();
        accept("BINARY");
        TableRef t = name(false);
        if (t == null) {
            return INERT;
        }
        if (punct('(')) {
            skipParens();
        }
        if (kw("FROM")) {
            write = true;
            addTable(t);
        }
        return INERT;
    }

    /** MySQL {@code LOAD DATA|XML ... INTO TABLE t}: a WRITE of t. */
    final int load() {
        lx.next();
        if (!kw("DATA") && !kw("XML")) {
            return INERT;
        }
        write = true;
        while (!atEnd() && !kw("INTO")) {
            lx.next();
        }
        if (accept("INTO")) {
            accept("TABLE");
            addTable(name(false));
        } else {
            incomplete = true;
        }
        return PLAIN;
    }
}
