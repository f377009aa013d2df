package dev.cacheinvalidation.agent.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Patterns a strategy failed to apply, waiting for a retry: coalesced (each pattern once) and bounded. When
 * the bound would be passed, everything collapses into {@code *}, a wider invalidation that covers all that
 * was pending, so nothing is lost. Thread-safe.
 */
final class PendingPatterns {
  static final String EVERYTHING = "*";

  private final int capacity;
  private final Set<String> patterns = new LinkedHashSet<>();
  private final Set<String> names = new LinkedHashSet<>();
  private boolean widened;

  PendingPatterns(int capacity) {
    this.capacity = capacity;
  }

  /** Adds patterns; returns true when this widened the pending set to everything. */
  synchronized boolean add(List<String> newNames, List<String> newPatterns) {
    if (patterns.contains(EVERYTHING)) {
      return false;
    }
    names.addAll(newNames);
    patterns.addAll(newPatterns);
    if (patterns.size() > capacity) {
      patterns.clear();
      patterns.add(EVERYTHING);
      names.clear();
      widened = true;
      return true;
    }
    return false;
  }

  /** Takes everything pending, or returns null when nothing is. */
  synchronized Invalidation takeAll(long id) {
    if (patterns.isEmpty()) {
      return null;
    }
    Invalidation retry = new Invalidation(id, widened ? "retry (widened)" : "retry", List.copyOf(names),
        List.copyOf(patterns), System.nanoTime());
    patterns.clear();
    names.clear();
    widened = false;
    return retry;
  }

  synchronized int size() {
    return patterns.size();
  }
}
