package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.DaemonThreads;
import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * {@code redis-pattern}: deletes the Redis keys matching an invalidation's patterns, planned by
 * {@link PatternPlan} (exact keys: one {@code UNLINK}; globs: {@link KeyspaceSweep}s over every master that can
 * hold a match). Returns the number of keys removed.
 *
 * <p>Remote ({@link #isLocal()} is false): it runs on the dispatcher's workers, never on the committing thread.
 * A failure is thrown to the dispatcher, which retries the patterns; deleting is idempotent, so a partly done
 * delete retried is correct.
 *
 * <p>With {@code invalidation.redis.delete-again-after-ms} above 0, every invalidation is applied a second time
 * after that delay (delayed double delete): it removes a value a concurrent reader loaded from the database
 * before the commit and put in Redis after the first delete. The second delete runs on this strategy's own
 * scheduler thread. A second delete that fails is retried with a doubling delay, up to
 * {@value #SECOND_DELETE_ATTEMPTS} attempts: the stale value it targets may have been put after the first delete,
 * so giving up at once would lose exactly what the option exists for.
 *
 * <p>Thread-safe.
 */
public final class RedisPatternStrategy implements InvalidationStrategy {
  private static final Logger log = AgentLog.get(RedisPatternStrategy.class);
  static final int SECOND_DELETE_ATTEMPTS = 8;

  private final RedisEndpoint endpoint;
  private final ScheduledExecutorService deleteAgain;

  public RedisPatternStrategy(RedisEndpoint endpoint) {
    this.endpoint = endpoint;
    this.deleteAgain = endpoint.settings().deleteAgainAfterMillis() > 0
        ? DaemonThreads.timer("cache-invalidation-redis-delete-again") : null;
  }

  @Override
  public String name() {
    return "redis-pattern";
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public long apply(Invalidation invalidation) throws Exception {
    long removed = delete(invalidation.patterns());
    if (deleteAgain != null) {
      scheduleSecondDelete(invalidation);
    }
    return removed;
  }

  /** Deletes every key matching one of {@code patterns}; returns how many were removed. */
  long delete(List<String> patterns) throws Exception {
    boolean cluster = endpoint.isCluster();
    PatternPlan plan = PatternPlan.of(patterns, cluster);
    long removed = 0;
    if (!plan.exactKeys().isEmpty()) {
      removed += unlinkExact(plan.exactKeys());
    }
    for (PatternPlan.Pass pass : plan.passes()) {
      for (ScanNode node : endpoint.scanNodes(pass.slot())) {
        removed += sweep(node, pass, cluster);
      }
    }
    return removed;
  }

  private long unlinkExact(List<String> keys) throws Exception {
    Long removed = RedisReplies.await(endpoint.commands().unlink(keys.toArray(new String[0])),
        endpoint.settings().commandTimeout().toMillis());
    return removed == null ? 0 : removed;
  }

  private long sweep(ScanNode node, PatternPlan.Pass pass, boolean cluster) throws Exception {
    StatefulRedisConnection<String, String> connection = endpoint.borrow(node);
    boolean failed = true;
    try {
      long removed = new KeyspaceSweep(connection, node, pass, endpoint.settings().scanCount(), cluster,
          endpoint.settings().commandTimeout()).run();
      failed = false;
      return removed;
    } finally {
      endpoint.release(node, connection, failed);
    }
  }

  private void scheduleSecondDelete(Invalidation invalidation) {
    scheduleSecondDelete(invalidation, 1, endpoint.settings().deleteAgainAfterMillis());
  }

  private void scheduleSecondDelete(Invalidation invalidation, int attempt, long delayMillis) {
    try {
      deleteAgain.schedule(() -> {
        try {
          long removed = delete(invalidation.patterns());
          log.debug("redis-pattern: delayed second delete of #{} removed {} key(s)", invalidation.id(), removed);
        } catch (Exception e) {
          if (attempt < SECOND_DELETE_ATTEMPTS) {
            scheduleSecondDelete(invalidation, attempt + 1, Math.min(delayMillis * 2, 5_000));
          } else {
            log.warn("redis-pattern: the delayed second delete of invalidation #{} ({}) failed {} times; "
                + "giving up: {}", invalidation.id(), invalidation.patterns(), attempt, e.toString());
          }
        }
      }, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException shutDown) {
      // Closing: the first delete is done; nothing more to do.
    }
  }

  @Override
  public void close() {
    if (deleteAgain != null) {
      deleteAgain.shutdownNow();
    }
  }
}
