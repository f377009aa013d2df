package dev.cacheinvalidation.agent.source.jdbc;

import java.sql.Connection;

/**
 * What a driver (or pool) does with an open transaction at the two moments JDBC leaves to the implementation:
 * when the connection is closed, and when DDL runs inside it.
 *
 * <p>Known from the drivers' documentation and checked by the JDBC integration tests:
 * <ul>
 *   <li>H2 rolls an open transaction back on {@code close()} and commits it before most DDL.</li>
 *   <li>PostgreSQL ends the server session on {@code close()}, which aborts the transaction; DDL is
 *       transactional (it commits or rolls back with the transaction).</li>
 *   <li>MariaDB/MySQL: the server rolls back when the session ends; DDL commits implicitly.</li>
 *   <li>HikariCP's proxy rolls back a transaction that ran statements when it is closed (returned to the pool),
 *       whatever the driver; DDL follows the driver underneath.</li>
 * </ul>
 * Anything else is {@link #UNKNOWN}: its writes are invalidated on close and around DDL, because a missed
 * invalidation is a bug and an extra one only costs a cache miss (Oracle's driver, for one, commits on close).
 * Immutable and thread-safe.
 *
 * @param rollsBackOnClose whether {@code close()} with an open transaction discards its writes
 * @param ddl what DDL does to an open transaction
 */
record DriverTraits(boolean rollsBackOnClose, Ddl ddl) {

  /** What DDL inside a transaction does to it. */
  enum Ddl {
    /** The DDL commits the open transaction first (and itself at once). */
    COMMITS,
    /** The DDL belongs to the transaction like any write. */
    TRANSACTIONAL,
    /** Not known: treat it as both. */
    UNKNOWN
  }

  static final DriverTraits UNKNOWN = new DriverTraits(false, Ddl.UNKNOWN);

  /** Per connection class: its traits when its name tells them, else {@link #UNKNOWN}. */
  private static final ClassValue<DriverTraits> BY_CLASS = new ClassValue<>() {
    @Override
    protected DriverTraits computeValue(Class<?> type) {
      DriverTraits known = byName(type.getName());
      return known != null ? known : UNKNOWN;
    }
  };

  /**
   * The traits of a connection, looking through a pool's proxy to the driver for DDL. A driver's own
   * connection class is looked up once per class; a proxy is unwrapped each time (the same proxy class may
   * front different drivers). Never throws.
   */
  static DriverTraits of(Object connection) {
    Class<?> type = connection.getClass();
    DriverTraits direct = BY_CLASS.get(type);
    if (direct != UNKNOWN) {
      return direct;
    }
    Object physical = unwrap(connection);
    DriverTraits driver = physical == null || physical == connection ? UNKNOWN : BY_CLASS.get(physical.getClass());
    boolean pool = type.getName().startsWith("com.zaxxer.hikari.");
    if (!pool && driver.ddl() == Ddl.UNKNOWN) {
      return UNKNOWN;
    }
    return new DriverTraits(pool, driver.ddl());
  }

  private static DriverTraits byName(String name) {
    if (name.startsWith("org.h2.")) {
      return new DriverTraits(true, Ddl.COMMITS);
    }
    if (name.startsWith("org.postgresql.")) {
      return new DriverTraits(true, Ddl.TRANSACTIONAL);
    }
    if (name.startsWith("org.mariadb.jdbc.") || name.startsWith("com.mysql.")) {
      return new DriverTraits(true, Ddl.COMMITS);
    }
    return null;
  }

  private static Object unwrap(Object connection) {
    try {
      if (connection instanceof Connection jdbc && jdbc.isWrapperFor(Connection.class)) {
        return jdbc.unwrap(Connection.class);
      }
    } catch (Exception | LinkageError e) {
      // not a wrapper we can see through: the traits stay unknown
    }
    return null;
  }
}
