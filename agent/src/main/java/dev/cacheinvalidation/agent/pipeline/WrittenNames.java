package dev.cacheinvalidation.agent.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The distinct names written so far, in order, each with its first write, and savepoint marks so a partial
 * rollback discards only what came after the mark.
 *
 * <p>Most units write one name (a transaction saving one entity): that name is kept in a field, and the map
 * and the savepoint lists are only allocated when a second name or a savepoint comes.
 *
 * <p>Not thread-safe: {@link UnitOfWork} locks around it; a thread's own commit scope uses it bare.
 */
final class WrittenNames {
  /** The unit's only write, while it has at most one name and {@link #writes} is null. */
  private Write single;
  /** Name key → first write, in the order written; once created, it holds every write and {@link #single} is unused. */
  private LinkedHashMap<String, Write> writes;
  /** For each open savepoint, the number of names written before it; null until the first savepoint. */
  private List<Object> savepoints;
  private List<Integer> savepointSizes;

  /** Adds a write; returns false when its name was already here (a deduplicated write). */
  boolean add(Write write) {
    if (writes == null) {
      if (single == null) {
        single = write;
        return true;
      }
      if (single.key().equals(write.key())) {
        return false;
      }
      writes = new LinkedHashMap<>();
      writes.put(single.key(), single);
      single = null;
    }
    return writes.putIfAbsent(write.key(), write) == null;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** Remembers a savepoint: a later {@link #rollbackTo} discards what is written after it. */
  void mark(Object savepoint) {
    if (savepoints == null) {
      savepoints = new ArrayList<>();
      savepointSizes = new ArrayList<>();
    }
    savepoints.add(savepoint);
    savepointSizes.add(size());
  }

  /** Forgets a released savepoint (and every later one); its writes stay. */
  void release(Object savepoint) {
    int index = indexOf(savepoint);
    if (index >= 0) {
      // Releasing a savepoint also releases every savepoint set after it.
      truncateMarks(index);
    }
  }

  /** Discards the names first written after the savepoint; the savepoint itself stays valid. */
  void rollbackTo(Object savepoint) {
    int index = indexOf(savepoint);
    if (index < 0) {
      return;
    }
    int keep = savepointSizes.get(index);
    if (writes == null) {
      if (keep == 0) {
        single = null;
      }
    } else {
      var iterator = writes.entrySet().iterator();
      for (int i = 0; iterator.hasNext(); i++) {
        iterator.next();
        if (i >= keep) {
          iterator.remove();
        }
      }
    }
    truncateMarks(index + 1);
  }

  /** Removes and returns every write, leaving the unit empty and ready for the next transaction. */
  List<Write> drain() {
    List<Write> out;
    if (writes != null) {
      out = writes.isEmpty() ? List.of() : new ArrayList<>(writes.values());
      writes.clear();
    } else {
      // A commit after nothing was written (every transaction of a read-only service), or after one name.
      out = single == null ? List.of() : List.of(single);
      single = null;
    }
    clearMarks();
    return out;
  }

  /** Empties the unit (rollback). */
  void clear() {
    single = null;
    if (writes != null) {
      writes.clear();
    }
    clearMarks();
  }

  private int size() {
    return writes != null ? writes.size() : single == null ? 0 : 1;
  }

  private int indexOf(Object savepoint) {
    if (savepoints == null) {
      return -1;
    }
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

  private void clearMarks() {
    if (savepoints != null) {
      savepoints.clear();
      savepointSizes.clear();
    }
  }

  @Override
  public String toString() {
    List<String> keys = writes != null ? new ArrayList<>(writes.keySet())
        : single == null ? List.of() : List.of(single.key());
    return keys.toString();
  }
}
