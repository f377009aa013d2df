package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoint;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisSettings;
import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.it.harness.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code invalidation.redis.delete-again-after-ms}: a value a slow reader caches right after the first delete
 * (loaded before the commit) is removed by the second, delayed delete; the first delete returned at once.
 */
class DelayedDoubleDeleteIT {

  @Test
  void deletesAgainAfterTheDelay() throws Exception {
    try (RedisServer redis = RedisServer.start(); RespClient client = RespClient.to(redis.port())) {
      client.call("MSET", "category:1", "old", "post:1", "kept");
      RedisSettings settings = new RedisSettings(redis.uri(), "auto", Duration.ofSeconds(30), 1000, 2000);
      try (RedisEndpoint endpoint = new RedisEndpoint(settings);
          RedisPatternStrategy strategy = new RedisPatternStrategy(endpoint)) {
        assertEquals(1, strategy.apply(PatternDeleteAtScaleIT.invalidation("category:*")));
        // The racing reader writes back what it read before the commit.
        client.call("SET", "category:1", "stale");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.call("GET", "category:1") != null) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("the delayed second delete never removed category:1");
          }
          Thread.sleep(20);
        }
      }
      assertEquals("kept", client.call("GET", "post:1"));
    }
  }
}
