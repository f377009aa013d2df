package dev.cacheinvalidation.agent.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names written inside one unit of work (a JDBC transaction, a JPA transaction, a GraphQL mutation),
 * each kept once, with savepoint marks so a partial rollback discards only what came after the mark.
 *
 * <p>Thread-safety: methods are synchronized. A unit normally belongs to one thread, but a pooled connection
 * or a reactive transaction may end on another thread than it began on, and the lock is uncontended then.
 */
public final class UnitOfWork {
  private final String description;
  /** Name key → first write, in the order written. */
  private final LinkedHashMap<String, Write> writes = new LinkedHashMap<>();
  /** For each open savepoint, the number of names written before it. */
  private final List<Object> savepoints = new ArrayList<>();
  private final List<Integer> savepointSizes = new ArrayList<>();

  UnitOfWork(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Adds a write; returns false when its name was already in this unit (a deduplicated write). */
  public synchronized boolean add(Write write) {
    return writes.putIfAbsent(write.key(), write) == null;
  }

  public synchronized boolean isEmpty() {
    return writes.isEmpty();
  }

  /** Remembers a savepoint: a later {@link #rollbackTo} discards what is written after it. */
  public synchronized void mark(Object savepoint) {
    savepoints.add(savepoint);
    savepointSizes.add(writes.size());
  }

  /** Forgets a released savepoint; its writes stay in the unit. */
  public synchronized void release(Object savepoint) {
    int index = indexOf(savepoint);
    if (index >= 0) {
      // Releasing a savepoint also releases every savepoint set after it.
      truncateMarks(index);
    }
  }

  /** Discards the names first written after the savepoint; the savepoint itself stays valid. */
  public synchronized void rollbackTo(Object savepoint) {
    int index = indexOf(savepoint);
    if (index < 0) {
      return;
    }
    int keep = savepointSizes.get(index);
    var iterator = writes.entrySet().iterator();
    for (int i = 0; iterator.hasNext(); i++) {
      iterator.next();
      if (i >= keep) {
        iterator.remove();
      }
    }
    truncateMarks(index + 1);
  }

  /** Removes and returns every write, leaving the unit empty and ready for the next transaction. */
  public synchronized List<Write> drain() {
    if (writes.isEmpty() && savepoints.isEmpty()) {
      return List.of(); // a commit after nothing was written (every transaction of a read-only service)
    }
    List<Write> out = new ArrayList<>(writes.values());
    writes.clear();
    savepoints.clear();
    savepointSizes.clear();
    return out;
  }

  /** Empties the unit (rollback). */
  public synchronized void clear() {
    writes.clear();
    savepoints.clear();
    savepointSizes.clear();
  }

  private int indexOf(Object savepoint) {
    for (int i = savepoints.size() - 1; i >= 0; i--) {
      if (savepoints.get(i) == savepoint) {
        return i;
      }
    }
    return -1;
  }

  private void truncateMarks(int fromIndex) {
    while (savepoints.size() > fromIndex) {
      savepoints.remove(savepoints.size() - 1);
      savepointSizes.remove(savepointSizes.size() - 1);
    }
  }

  @Override
  public synchronized String toString() {
    Map<String, Write> copy = new LinkedHashMap<>(writes);
    return description + copy.keySet();
  }
}
