package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoint;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisSettings;
import dev.cacheinvalidation.it.harness.RedisServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code redis-pattern} strategy itself (in this JVM: the real strategy against a real redis-server) deleting
 * 100,000 matching keys among 1,000,000: every match is gone, nothing else is touched, and every command it sent
 * is bounded (SCAN pages and UNLINK batches of at most {@code scan-count} keys; no KEYS, DEL or script). The
 * slowest commands are reported from SLOWLOG; their time is the benchmark's to measure, not this test's.
 */
class PatternDeleteAtScaleIT {
  static final int MATCHING = 100_000;
  static final int OTHERS = 900_000;
  static final int SCAN_COUNT = 1000;
  @Test
  void deletesOneTenthOfAMillionKeysWithoutSlowCommands() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Keyspace.load(redis, MATCHING, i -> "category:" + i);
      Keyspace.load(redis, OTHERS, i -> switch (i % 3) {
        case 0 -> "post:" + i;
        case 1 -> "categoryx:" + i; // shares the literal start, must survive
        default -> "x:category:" + i;
      });
      Keyspace.watchSlowCommands(redis);
      Keyspace.resetCommandStats(redis);
      try (RedisEndpoint endpoint = new RedisEndpoint(settings(redis.uri()));
          RedisPatternStrategy strategy = new RedisPatternStrategy(endpoint)) {
        long started = System.nanoTime();
        long removed = strategy.apply(invalidation("category:*"));
        System.out.printf("pattern delete of %,d among %,d keys: %d ms%n", MATCHING, MATCHING + OTHERS,
            Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertEquals(MATCHING, removed);
      }
      Keyspace.assertBoundedCommands(redis, MATCHING, SCAN_COUNT);
      assertEquals(OTHERS, Keyspace.dbSize(redis));
      assertEquals(0, Keyspace.count(redis, "category:*"));
      assertEquals(OTHERS / 3, Keyspace.count(redis, "categoryx:*"));
    }
  }

  static RedisSettings settings(String uri) {
    // A generous timeout: the test calls the strategy directly, without the dispatcher that would retry.
    return new RedisSettings(uri, "auto", Duration.ofSeconds(30), SCAN_COUNT, 0);
  }

  static Invalidation invalidation(String... patterns) {
    return new Invalidation(1, "test", List.of(), List.of(patterns), System.nanoTime());
  }
}
