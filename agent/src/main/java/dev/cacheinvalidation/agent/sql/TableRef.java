package dev.cacheinvalidation.agent.sql;

import java.util.Objects;

/**
 * A table (or view) named in SQL, as written: quotes are removed, doubled quote characters inside a
 * quoted identifier are collapsed, and the original case is kept (no folding, because whether
 * {@code Post} and {@code post} are the same table depends on the database and on quoting).
 *
 * <p>A name with more than two parts keeps the last part as {@link #name()} and joins the others with
 * {@code '.'} into {@link #schema()}: {@code db.schema.table} gives {@code ("db.schema", "table")}.
 * Equality is exact (case-sensitive) record equality. Instances are immutable and thread-safe.
 *
 * @param schema the qualifier before the last dot, or {@code null} if the name was unqualified
 * @param name   the unqualified table name; never {@code null}
 */
public record TableRef(String schema, String name) {

    /**
     * @param schema the qualifier, or {@code null}
     * @param name   the unqualified name
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public TableRef {
        Objects.requireNonNull(name, "name");
    }

    /** @return {@code "schema.name"}, or just {@code "name"} when there is no schema */
    public String qualifiedName() {
        return schema == null ? name : schema + '.' + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
