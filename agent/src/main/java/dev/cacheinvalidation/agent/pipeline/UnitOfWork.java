package dev.cacheinvalidation.agent.pipeline;

import java.util.List;

/**
 * The names written inside one unit of work (a JDBC transaction, a JPA transaction, a GraphQL mutation),
 * each kept once, with savepoint marks so a partial rollback discards only what came after the mark
 * ({@link WrittenNames}).
 *
 * <p>Thread-safety: methods are synchronized, but for one shortcut in {@link #add}. A unit normally belongs to
 * one thread, but a pooled connection or a reactive transaction may end on another thread than it began on, and
 * the lock is uncontended then.
 */
public final class UnitOfWork {
  private final String description;
  private final WrittenNames names = new WrittenNames();
  /**
   * The key added last, while it is certainly in the unit: a JPA write reaches the unit three times in a row
   * (the session operation, its flush action, the action's SQL), and the repeats need no lock. Cleared before
   * any name leaves the unit.
   */
  private volatile String lastKey;

  UnitOfWork(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Adds a write; returns false when its name was already in this unit (a deduplicated write). */
  public boolean add(Write write) {
    String key = write.key();
    if (key == lastKey) {
      return false;
    }
    synchronized (this) {
      boolean added = names.add(write);
      lastKey = key;
      return added;
    }
  }

  public synchronized boolean isEmpty() {
    return names.isEmpty();
  }

  /** Remembers a savepoint: a later {@link #rollbackTo} discards what is written after it. */
  public synchronized void mark(Object savepoint) {
    names.mark(savepoint);
  }

  /** Forgets a released savepoint (and every later one); its writes stay in the unit. */
  public synchronized void release(Object savepoint) {
    names.release(savepoint);
  }

  /** Discards the names first written after the savepoint; the savepoint itself stays valid. */
  public synchronized void rollbackTo(Object savepoint) {
    lastKey = null;
    names.rollbackTo(savepoint);
  }

  /** Removes and returns every write, leaving the unit empty and ready for the next transaction. */
  public synchronized List<Write> drain() {
    lastKey = null;
    return names.drain();
  }

  /** Empties the unit (rollback). */
  public synchronized void clear() {
    lastKey = null;
    names.clear();
  }

  @Override
  public synchronized String toString() {
    return description + names;
  }
}
