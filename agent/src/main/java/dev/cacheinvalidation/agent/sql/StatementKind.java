package dev.cacheinvalidation.agent.sql;

/**
 * What a SQL string does to the data that caches may hold, as decided by {@link SqlAnalyzer}.
 *
 * <p>The kinds are ordered by how much they can change: {@link #READ} changes nothing a cache depends
 * on, {@link #WRITE} changes rows of the tables reported by {@link SqlAnalysis#writtenTables()}, and
 * {@link #DDL} changes the shape (or existence) of database objects. For a string that holds several
 * statements, the strongest kind wins ({@code DDL > WRITE > READ}). Immutable and thread-safe.
 */
public enum StatementKind {
    /** Reads or session/transaction control only: no cached data can become stale. */
    READ,
    /** Inserts, updates, deletes, upserts, truncates or otherwise replaces table rows. */
    WRITE,
    /** Creates, alters, drops or renames a schema object. Wins over {@link #WRITE}. */
    DDL
}
