package dev.cacheinvalidation.samples.staleness.app;

import java.util.Map;

/**
 * The application's read cache, holding the row version of {@code item:<id>} as a decimal string. The
 * application only reads, puts and (in the before-commit baseline) evicts; invalidation is the agent's job.
 * Implementations are thread-safe.
 */
interface ItemCache extends AutoCloseable {
  /** The cached value, or {@code null} on a miss. */
  String get(String key);

  void put(String key, String value);

  void evict(String key);

  /** A snapshot of every cached {@code item:*} entry. */
  Map<String, String> entries();

  @Override
  void close();
}
