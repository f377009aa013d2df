package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.UnitOfWork;

/**
 * The open transaction of one connection: its names (in a {@link UnitOfWork}, with savepoint marks) and what
 * else must be invalidated when it commits (on-ddl patterns, or everything for a write whose tables are
 * unknown).
 *
 * <p>The driver's traits are looked up only when DDL runs or the connection closes with the transaction open:
 * behind a pool a new state is made at every checkout, and most are committed without needing them.
 *
 * <p>Thread-safety: flags are set and taken under this object's lock, and are volatile so that a commit finding
 * none set skips the lock; the unit is itself thread-safe; the traits may be looked up twice by a race, with the
 * same result. A connection is normally used by one thread at a time, so the locks are uncontended.
 */
final class ConnectionState {
  final UnitOfWork unit;
  private volatile DriverTraits traits;
  // Volatile so that takeFlags() can tell "nothing set" (nearly every commit) without taking the lock.
  private volatile boolean ddl;
  private volatile boolean unknownTables;

  ConnectionState(UnitOfWork unit) {
    this.unit = unit;
  }

  /** The traits of this state's connection, looked up the first time they are needed. */
  DriverTraits traits(Object connection) {
    DriverTraits known = traits;
    if (known == null) {
      known = DriverTraits.of(connection);
      traits = known;
    }
    return known;
  }

  synchronized void markDdl() {
    ddl = true;
  }

  synchronized void markUnknownTables() {
    unknownTables = true;
  }

  /** Whether anything would be invalidated by a commit now. */
  boolean isPending() {
    return ddl || unknownTables || !unit.isEmpty();
  }

  /** Returns and clears the flags: bit 1 = DDL ran, bit 2 = a write with unknown tables ran. */
  int takeFlags() {
    if (!ddl && !unknownTables) {
      return 0;
    }
    synchronized (this) {
      return takeFlagsLocked();
    }
  }

  private int takeFlagsLocked() {
    int flags = (ddl ? 1 : 0) | (unknownTables ? 2 : 0);
    ddl = false;
    unknownTables = false;
    return flags;
  }
}
