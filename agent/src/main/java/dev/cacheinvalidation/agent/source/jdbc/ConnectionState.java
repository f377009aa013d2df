package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.UnitOfWork;

/**
 * The open transaction of one connection: its names (in a {@link UnitOfWork}, with savepoint marks) and what
 * else must be invalidated when it commits (on-ddl patterns, or everything for a write whose tables are
 * unknown).
 *
 * <p>Thread-safety: flags are guarded by this object; the unit is itself thread-safe. A connection is normally
 * used by one thread at a time, so the locks are uncontended.
 */
final class ConnectionState {
  final UnitOfWork unit;
  final DriverTraits traits;
  private boolean ddl;
  private boolean unknownTables;

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
  synchronized boolean isPending() {
    return ddl || unknownTables || !unit.isEmpty();
  }

  /** Returns and clears the flags: bit 1 = DDL ran, bit 2 = a write with unknown tables ran. */
  synchronized int takeFlags() {
    int flags = (ddl ? 1 : 0) | (unknownTables ? 2 : 0);
    ddl = false;
    unknownTables = false;
    return flags;
  }
}
