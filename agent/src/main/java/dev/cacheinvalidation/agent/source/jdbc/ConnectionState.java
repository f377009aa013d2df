package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.UnitOfWork;

/**
 * The open transaction of one connection: its names (in a {@link UnitOfWork}, with savepoint marks) and what
 * else must be invalidated when it commits (on-ddl patterns, or everything for a write whose tables are
 * unknown).
 *
 * <p>Thread-safety: flags are set and taken under this object's lock, and are volatile so that a commit finding
 * none set skips the lock; the unit is itself thread-safe. A connection is normally
 * used by one thread at a time, so the locks are uncontended.
 */
final class ConnectionState {
  final UnitOfWork unit;
  final DriverTraits traits;
  // Volatile so that takeFlags() can tell "nothing set" (nearly every commit) without taking the lock.
  private volatile boolean ddl;
  private volatile boolean unknownTables;

  ConnectionState(UnitOfWork unit, DriverTraits traits) {
    this.unit = unit;
    this.traits = traits;
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
