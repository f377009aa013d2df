package dev.cacheinvalidation.agent.pipeline;

import java.util.List;

/**
 * What a strategy is asked to do: remove every cache entry whose key matches one of {@code patterns}.
 *
 * @param id a sequence number, for logs
 * @param origin what produced it ({@code jdbc commit}, {@code jmx invalidate(Category)}, ...)
 * @param names the names invalidated (empty for a pattern given directly)
 * @param patterns the cache-key glob patterns, never empty
 * @param committedAtNanos {@link System#nanoTime()} when the unit of work ended, for latency figures
 */
public record Invalidation(long id, String origin, List<String> names, List<String> patterns, long committedAtNanos) {
  public Invalidation {
    names = List.copyOf(names);
    patterns = List.copyOf(patterns);
  }
}
