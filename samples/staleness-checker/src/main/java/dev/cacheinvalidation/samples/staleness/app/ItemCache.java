package dev.cacheinvalidation.samples.staleness.app;

import java.util.Map;

/**
 * The application's read cache, holding the row version of {@code item:<id>} as a decimal string. The
 * application only reads, puts and (in the before-commit baseline) evicts; invalidation is the agent's job.
 * Implementations are thread-safe.
 */
interface ItemCache extends AutoCloseable {
  /**
   * The physical key under which {@code key} is read and put now. A reader asks for it once, before its
   * database read, and uses it for both its get and its put (key versioning resolves the version here).
   */
  default String slot(String key) {
    return key;
  }

  /** The cached value under a {@link #slot}, or {@code null} on a miss. */
  String get(String slot);

  void put(String slot, String value);

  void evict(String key);

  /** A snapshot of every reachable cached entry, by logical key {@code item:<id>}. */
  Map<String, String> entries();

  /** Empties the cache between runs (the harness's reset, not an invalidation under test). */
  void clear();

  @Override
  void close();
}
