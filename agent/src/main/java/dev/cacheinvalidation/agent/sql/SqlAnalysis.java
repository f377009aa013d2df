package dev.cacheinvalidation.agent.sql;

import java.util.List;
import java.util.Objects;

/**
 * The immutable result of {@link SqlAnalyzer#analyze(String)}: what kind of statement a SQL string is
 * and which tables it writes.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #kind()} is {@link StatementKind#WRITE} if any statement in the string writes rows,
 *       {@link StatementKind#DDL} if any is DDL (DDL wins over WRITE), otherwise
 *       {@link StatementKind#READ}.</li>
 *   <li>{@link #writtenTables()} lists the tables written (and, for DDL, the tables or views the DDL
 *       touches), distinct, in order of first appearance. It is always empty for READ.</li>
 *   <li><b>An empty table list for a WRITE means "something was written, but which tables is
 *       unknown"</b>: callers must then invalidate conservatively. The analyser returns it whenever one
 *       write target of the string could not be parsed (or more than {@value SqlAnalyzer#MAX_TABLES}
 *       distinct tables were named), even if other targets were recognised, because a partial list
 *       would silently under-invalidate.</li>
 *   <li>For DDL the list may be empty either because the object is not a table (e.g.
 *       {@code CREATE SEQUENCE}) or because the target could not be parsed; callers that need safety
 *       should treat any DDL as possibly affecting everything.</li>
 * </ul>
 *
 * <p><b>Thread-safety.</b> Immutable; safe to share and to cache (see {@link CachingSqlAnalyzer}).
 */
public final class SqlAnalysis {

    /** The shared result for every read: kind {@link StatementKind#READ}, no tables. */
    public static final SqlAnalysis READ = new SqlAnalysis(StatementKind.READ, List.of());

    /** Shared "wrote something, tables unknown" result. */
    static final SqlAnalysis WRITE_UNKNOWN = new SqlAnalysis(StatementKind.WRITE, List.of());

    /** Shared "DDL, no known table" result. */
    static final SqlAnalysis DDL_UNKNOWN = new SqlAnalysis(StatementKind.DDL, List.of());

    private final StatementKind kind;
    private final List<TableRef> writtenTables;

    private SqlAnalysis(StatementKind kind, List<TableRef> writtenTables) {
        this.kind = kind;
        this.writtenTables = writtenTables;
    }

    /**
     * Builds a result, e.g. for tests or for callers that classify statements by other means.
     *
     * @param kind   the statement kind
     * @param tables the written tables; copied; must be empty for {@link StatementKind#READ}
     * @return a result equal to one the analyser would produce for the same kind and tables
     * @throws IllegalArgumentException if a READ is given tables
     * @throws NullPointerException     if any argument or element is {@code null}
     */
    public static SqlAnalysis of(StatementKind kind, List<TableRef> tables) {
        Objects.requireNonNull(kind, "kind");
        List<TableRef> copy = List.copyOf(tables);
        if (copy.isEmpty()) {
            switch (kind) {
                case READ: return READ;
                case WRITE: return WRITE_UNKNOWN;
                default: return DDL_UNKNOWN;
            }
        }
        if (kind == StatementKind.READ) {
            throw new IllegalArgumentException("a READ writes no tables: " + copy);
        }
        return new SqlAnalysis(kind, copy);
    }

    /** @return READ, WRITE or DDL; never {@code null} */
    public StatementKind kind() {
        return kind;
    }

    /** @return the distinct written tables in order of appearance; unmodifiable; empty for READ */
    public List<TableRef> writtenTables() {
        return writtenTables;
    }

    /** @return {@code true} if the string changes nothing (kind {@link StatementKind#READ}) */
    public boolean isRead() {
        return kind == StatementKind.READ;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlAnalysis && ((SqlAnalysis) o).kind == kind
                && ((SqlAnalysis) o).writtenTables.equals(writtenTables);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + writtenTables.hashCode();
    }

    @Override
    public String toString() {
        return kind + writtenTables.toString();
    }
}
