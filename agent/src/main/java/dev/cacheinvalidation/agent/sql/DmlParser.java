package dev.cacheinvalidation.agent.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The heads of data-modifying statements: INSERT, REPLACE, UPSERT, MERGE, UPDATE, DELETE and
 * TRUNCATE. Each method starts at the statement's first keyword, records the written tables and stops
 * as soon as the targets are known, leaving the rest of the statement (values, conditions, RETURNING,
 * ON CONFLICT ...) to the caller's linear skip. None of them consumes {@code ;} or an unmatched
 * {@code )}, so they also work for nested statements such as a PostgreSQL data-modifying CTE body.
 */
abstract class DmlParser extends ParserSupport {

    DmlParser(String sql) {
        super(sql);
    }

    /**
     * {@code INSERT [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [OR REPLACE] [INTO] [TABLE] t ...}.
     * Only the target counts: the SELECT of {@code INSERT ... SELECT} reads, and {@code ON CONFLICT}
     * / {@code ON DUPLICATE KEY UPDATE} write the same target.
     *
     * @return {@code true} for Oracle-style {@code INSERT ALL|FIRST INTO a ... INTO b ... SELECT}, whose
     *         targets the caller collects from every {@code INTO} at the statement's top level
     */
    final boolean insert() {
        write = true;
        lx.next();
        while (kw("LOW_PRIORITY") || kw("DELAYED") || kw("HIGH_PRIORITY") || kw("IGNORE") || kw("OVERWRITE")
                || kw("OR") || kw("REPLACE") || kw("ROLLBACK") || kw("ABORT") || kw("FAIL")) {
            lx.next();
        }
        skipTop();
        if (kw("ALL") || kw("FIRST")) {
            lx.next();
            return true;
        }
        accept("INTO");
        accept("TABLE");
        addTable(name(false));
        return false;
    }

    /** MySQL {@code REPLACE [LOW_PRIORITY|DELAYED] [INTO] t}: delete-and-insert into t. */
    final void replace() {
        write = true;
        lx.next();
        while (kw("LOW_PRIORITY") || kw("DELAYED")) {
            lx.next();
        }
        accept("INTO");
        addTable(name(false));
    }

    /**
     * {@code MERGE [TOP (n)] [INTO] target [[AS] alias] USING ...} (standard, H2, PostgreSQL 15+,
     * SQL Server), H2's {@code MERGE INTO t [(cols)] KEY (id) VALUES ...}, and CockroachDB's
     * {@code UPSERT INTO t}: the target is written.
     */
    final void mergeOrUpsert() {
        write = true;
        lx.next();
        skipTop();
        accept("INTO");
        addTable(name(false));
    }

    /**
     * {@code UPDATE [LOW_PRIORITY] [IGNORE] [ONLY] [TOP (n)] refs SET assignments [FROM refs]}.
     *
     * <p>One table before SET (PostgreSQL/H2/standard): that table is written, never the tables of a
     * PostgreSQL {@code FROM} list; if it is really an alias declared in that FROM list (SQL Server
     * {@code UPDATE p SET .. FROM post p}) it resolves to the aliased table. Several tables before SET
     * (MySQL/MariaDB {@code UPDATE a JOIN b ON .. SET a.x = ..} or {@code UPDATE a, b SET ..}): the
     * tables whose name or alias qualifies a SET target are written; if any SET target is unqualified
     * or its qualifier matches nothing, every joined table is reported (over-invalidation is safe).
     */
    final void update() {
        write = true;
        lx.next();
        while (kw("LOW_PRIORITY") || kw("IGNORE")) {
            lx.next();
        }
        skipTop();
        List<Ref> targets = refs(true);
        int real = 0;
        for (Ref r : targets) {
            if (r.table() != null) {
                real++;
            }
        }
        if (real == 0) {
            incomplete = true;
        }
        List<String> qualifiers = real > 1 ? new ArrayList<>(4) : null;
        boolean unqualified = false;
        List<Ref> from = null;
        if (accept("SET")) {
            unqualified = assignments(qualifiers);
            if (accept("FROM")) {
                from = refs(false);
            }
        }
        if (real == 1) {
            for (Ref r : targets) {
                if (r.table() != null) {
                    addTable(resolve(r.table(), r.alias(), from));
                }
            }
            return;
        }
        addQualifiedTargets(targets, qualifiers, unqualified);
    }

    private void addQualifiedTargets(List<Ref> targets, List<String> qualifiers, boolean unqualified) {
        boolean all = unqualified || qualifiers == null || qualifiers.isEmpty();
        boolean[] hit = new boolean[targets.size()];
        for (int q = 0; q < (all ? 0 : qualifiers.size()); q++) {
            boolean found = false;
            for (int i = 0; i < targets.size(); i++) {
                Ref r = targets.get(i);
                String byName = r.alias() != null ? r.alias() : r.table() != null ? r.table().name() : null;
                if (byName != null && byName.equalsIgnoreCase(qualifiers.get(q))) {
                    hit[i] = true;
                    found = true;
                }
            }
            if (!found) {
                all = true;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Ref r = targets.get(i);
            if (r.table() != null && (all || hit[i])) {
                addTable(r.table());
            }
        }
    }

    /**
     * Walks {@code target = expr, ...} after SET up to WHERE/FROM/RETURNING/ORDER/LIMIT/OUTPUT/OPTION,
     * {@code ;}, an unmatched {@code )} or EOF. Collects the qualifier of each qualified target
     * ({@code a} in {@code a.x} or {@code db.a.x}) into {@code qualifiers} when it is non-null.
     *
     * @return whether some target is unqualified (or a PostgreSQL column list {@code (a, b) = ...})
     */
    private boolean assignments(List<String> qualifiers) {
        boolean unqualified = false;
        while (!atEnd() && !punct(')')) {
            if (lx.isNamePart()) {
                int parts = 0;
                String qualifier = null;
                String previous = null;
                while (true) {
                    parts++;
                    if (qualifiers != null) {
                        qualifier = previous;
                        previous = lx.text();
                    }
                    lx.next();
                    if (!punct('.') || !lx.peekIsNamePart()) {
                        break;
                    }
                    lx.next();
                }
                if (parts == 1 || (qualifiers != null && qualifiers.size() == MAX_TABLES)) {
                    unqualified = true; // also: too many to match, so report every table
                } else if (qualifiers != null) {
                    qualifiers.add(qualifier);
                }
            } else {
                unqualified = true;
            }
            boolean afterDistinct = false;
            while (true) {
                if (atEnd() || punct(')')) {
                    return unqualified;
                }
                if (punct(',')) {
                    lx.next();
                    break;
                }
                if (punct('(')) {
                    skipParens();
                    afterDistinct = false;
                    continue;
                }
                // Multi-table UPDATE is MySQL-only: there, only its reserved words end the SET list,
                // so that a column called e.g. "output" does not hide the following targets.
                if (kw("WHERE") || kw("ORDER") || kw("LIMIT") || (kw("FROM") && !afterDistinct)
                        || (qualifiers == null && (kw("RETURNING") || kw("OUTPUT") || kw("OPTION")))) {
                    return unqualified;
                }
                afterDistinct = kw("DISTINCT"); // "a IS DISTINCT FROM b" is not a FROM clause
                lx.next();
            }
        }
        return unqualified;
    }

    /**
     * {@code DELETE [LOW_PRIORITY] [QUICK] [IGNORE] [TOP (n)]} followed by one of
     * <ul>
     *   <li>{@code FROM [ONLY] t [[AS] x] [USING refs]}: t is written; PostgreSQL's USING tables are
     *       only read;</li>
     *   <li>{@code FROM t1, t2 USING t1 JOIN t2 ...} (MySQL): t1 and t2;</li>
     *   <li>{@code t1[.*], t2 FROM t1 JOIN t2 ...} (MySQL multi-table, also SQL Server
     *       {@code DELETE x FROM t x}): the targets before FROM, aliases resolved;</li>
     *   <li>{@code FROM t FROM t JOIN u ...} (SQL Server) and {@code t WHERE ...} (FROM-less).</li>
     * </ul>
     */
    final void delete() {
        write = true;
        lx.next();
        while (kw("LOW_PRIORITY") || kw("QUICK") || kw("IGNORE") || (kw("HISTORY") && lx.peekKw("FROM"))) {
            lx.next(); // HISTORY: MariaDB "DELETE HISTORY FROM t" (system-versioned tables)
        }
        skipTop();
        boolean fromFirst = accept("FROM");
        List<Ref> targets = new ArrayList<>(2);
        while (true) {
            accept("ONLY");
            TableRef t = name(true);
            if (t == null) {
                break;
            }
            if (punct('*')) {
                lx.next();
            }
            String alias = alias();
            if (targets.size() < MAX_TABLES) {
                targets.add(new Ref(t, alias));
            } else {
                incomplete = true; // keep consuming the list, stop collecting
            }
            if (!punct(',')) {
                break;
            }
            lx.next();
        }
        if (targets.isEmpty()) {
            incomplete = true;
            return;
        }
        List<Ref> refs = null;
        if (accept("USING") || accept("FROM")) {
            refs = refs(false);
        }
        for (Ref r : targets) {
            addTable(fromFirst && refs == null ? r.table() : resolve(r.table(), r.alias(), refs));
        }
    }

    /** {@code TRUNCATE [TABLE] [ONLY] a [*] [, ...] [RESTART IDENTITY] [CASCADE]}: a WRITE of each. */
    final void truncate() {
        write = true;
        lx.next();
        accept("TABLE");
        while (true) {
            accept("ONLY");
            TableRef t = name(false);
            addTable(t);
            if (t == null) {
                return;
            }
            if (punct('*')) {
                lx.next();
            }
            if (!punct(',')) {
                return;
            }
            lx.next();
        }
    }
}
