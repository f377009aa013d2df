package dev.cacheinvalidation.agent.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Patterns a strategy failed to apply, waiting for a retry: coalesced (each pattern once) and bounded. When
 * the bound would be passed, everything collapses into {@code *}, a wider invalidation that covers all that
 * was pending, so nothing is lost. Remembers the earliest commit among what it holds, so the latency of a
 * retried invalidation is measured from the first commit it covers. Thread-safe.
 */
final class PendingPatterns {
  static final String EVERYTHING = "*";

  private final int capacity;
  private final Set<String> patterns = new LinkedHashSet<>();
  private final Set<String> names = new LinkedHashSet<>();
  private boolean widened;
  private long earliestCommitNanos;

  PendingPatterns(int capacity) {
    this.capacity = capacity;
  }

  /** Adds patterns; returns true when this widened the pending set to everything. */
  synchronized boolean add(List<String> newNames, List<String> newPatterns) {
    return add(newNames, newPatterns, System.nanoTime());
  }

  /** Adds an invalidation's patterns; returns true when this widened the pending set to everything. */
  synchronized boolean add(Invalidation invalidation) {
    return add(invalidation.names(), invalidation.patterns(),
        invalidation.timed() ? invalidation.committedAtNanos() : System.nanoTime());
  }

  private boolean add(List<String> newNames, List<String> newPatterns, long committedAtNanos) {
    if (patterns.isEmpty() || committedAtNanos - earliestCommitNanos < 0) {
      earliestCommitNanos = committedAtNanos;
    }
    if (patterns.contains(EVERYTHING)) {
      return false;
    }
    names.addAll(newNames);
    patterns.addAll(newPatterns);
    if (patterns.contains(EVERYTHING) || patterns.size() > capacity) {
      boolean overflow = patterns.size() > capacity;
      patterns.clear();
      patterns.add(EVERYTHING);
      names.clear();
      widened = overflow;
      return overflow;
    }
    return false;
  }

  /** Takes everything pending, or returns null when nothing is. */
  synchronized Invalidation takeAll(long id) {
    Invalidation retry = peek(id);
    patterns.clear();
    names.clear();
    widened = false;
    return retry;
  }

  /** Everything pending as one invalidation, leaving it pending; null when nothing is. */
  synchronized Invalidation peek(long id) {
    if (patterns.isEmpty()) {
      return null;
    }
    return new Invalidation(id, widened ? "retry (widened)" : "retry", List.copyOf(names), List.copyOf(patterns),
        earliestCommitNanos);
  }

  synchronized int size() {
    return patterns.size();
  }
}
