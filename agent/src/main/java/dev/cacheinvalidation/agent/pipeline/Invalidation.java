package dev.cacheinvalidation.agent.pipeline;

import java.util.List;

/**
 * What a strategy is asked to do: remove every cache entry whose key matches one of {@code patterns}.
 *
 * @param id a sequence number, for logs
 * @param origin what produced it ({@code jdbc commit}, {@code jmx invalidate(Category)}, ...)
 * @param names the names invalidated (empty for a pattern given directly)
 * @param patterns the cache-key glob patterns, never empty
 * @param committedAtNanos {@link System#nanoTime()} when the unit of work ended, for latency figures, or
 *     {@link #NOT_TIMED} when only local strategies apply it and its latency is not sampled
 *     ({@link #sampled(long)}): the clock is not read for it
 */
public record Invalidation(long id, String origin, List<String> names, List<String> patterns, long committedAtNanos) {
  /** {@link #committedAtNanos()} of an invalidation whose commit time was not taken. */
  public static final long NOT_TIMED = Long.MIN_VALUE;

  public Invalidation {
    names = List.copyOf(names);
    patterns = List.copyOf(patterns);
  }

  /** Whether the commit time was taken. */
  public boolean timed() {
    return committedAtNanos != NOT_TIMED;
  }

  /**
   * Whether the latency of the invalidation with this id is measured by local strategies: the first few, then
   * one in 8, which is enough for p50/p99 and spares the others two clock reads on the committing thread.
   */
  static boolean sampled(long id) {
    return id <= 256 || (id & 7) == 0;
  }
}
