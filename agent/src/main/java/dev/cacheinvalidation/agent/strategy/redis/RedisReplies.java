package dev.cacheinvalidation.agent.strategy.redis;

import io.lettuce.core.RedisFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting for lettuce replies with a bound, unwrapping the failure a command ended with. Stateless. */
final class RedisReplies {
  private RedisReplies() {}

  /**
   * The reply, waiting at most {@code timeoutMillis}.
   *
   * @throws Exception the command's own failure (not wrapped), or a {@link java.util.concurrent.TimeoutException}
   */
  static <T> T await(RedisFuture<T> future, long timeoutMillis) throws Exception {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
