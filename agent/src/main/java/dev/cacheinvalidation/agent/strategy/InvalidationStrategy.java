package dev.cacheinvalidation.agent.strategy;

import dev.cacheinvalidation.agent.pipeline.Invalidation;

/**
 * Removes cache entries whose keys match an invalidation's patterns. Knows nothing of where writes came from.
 *
 * <p>Implementations are thread-safe. {@link #apply} either completes the invalidation or throws, in which
 * case the dispatcher keeps the patterns and retries them: a strategy never swallows a delivery failure.
 */
public interface InvalidationStrategy extends AutoCloseable {

  /** The name used in {@code invalidation.strategy}. */
  String name();

  /**
   * Whether the strategy works in this process without blocking (local caches, logging). Local strategies run
   * on the committing thread, so the writer always reads its own write; remote ones run on the agent's
   * worker threads and the committing thread waits for them at most {@code invalidation.await-ms}.
   */
  boolean isLocal();

  /**
   * Applies the invalidation.
   *
   * @return the number of entries removed, or -1 when the strategy cannot tell
   * @throws Exception when it could not be delivered; the dispatcher retries
   */
  long apply(Invalidation invalidation) throws Exception;

  /** Releases connections and threads. Called when the strategy is replaced or the JVM stops. */
  @Override
  default void close() {}
}
