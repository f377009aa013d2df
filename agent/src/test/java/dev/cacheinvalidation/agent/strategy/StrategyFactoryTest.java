package dev.cacheinvalidation.agent.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKey;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.config.ConfigLoader;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineCacheRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which configuration a strategy is created from, and what a later configuration cannot change. */
class StrategyFactoryTest {
  private final StrategyFactory factory = new StrategyFactory(new CaffeineCacheRegistry());

  @AfterEach
  void close() {
    factory.closeAll();
  }

  private static AgentConfig config(Map<String, String> values) {
    return ConfigLoader.builder().systemProperties(values).build();
  }

  @Test
  void aStrategyFirstCreatedUnderAReloadedConfigurationReadsThatConfiguration() {
    AgentConfig started = config(Map.of());
    AgentConfig reloaded = config(Map.of("invalidation.redis.uri", "redis://127.0.0.1:1/0"));
    factory.strategies(List.of("caffeine"), started);

    factory.strategies(List.of("redis-pattern"), reloaded);

    assertEquals(Set.of(), factory.keysNotApplied(reloaded));
    assertEquals(Set.of(ConfigKeys.REDIS_URI), factory.keysNotApplied(started));
  }

  @Test
  void keysACreatedStrategyReadAreNamedWhenTheyChangeAndOthersAreNot() {
    AgentConfig started = config(Map.of("invalidation.redis.uri", "redis://127.0.0.1:1/0"));
    InvalidationStrategy redis = factory.strategies(List.of("redis-pattern"), started).get(0);
    AgentConfig reloaded = config(Map.of("invalidation.redis.uri", "redis://:secret@127.0.0.1:2/0",
        "invalidation.redis.scan-count", "50", "invalidation.versioning.key", "v:{name}",
        "invalidation.caffeine.delete-again-after-ms", "100"));

    assertEquals(List.<ConfigKey<?>>of(ConfigKeys.REDIS_URI, ConfigKeys.REDIS_SCAN_COUNT),
        List.copyOf(factory.keysNotApplied(reloaded)));
    assertSame(redis, factory.strategies(List.of("redis-pattern"), reloaded).get(0),
        "one instance per name: its pending invalidations stay with it");
  }

  @Test
  void caffeineBroadcastsWhenTheGivenConfigurationSaysSo() {
    AgentConfig broadcasting = config(Map.of("invalidation.caffeine.broadcast", "true"));

    assertEquals(List.of("caffeine"), names(factory.strategies(List.of("caffeine"), config(Map.of()))));
    assertEquals(List.of("caffeine", "caffeine-broadcast"),
        names(factory.strategies(List.of("caffeine"), broadcasting)));
    assertEquals(Set.of(), factory.keysNotApplied(broadcasting));
  }

  private static List<String> names(List<InvalidationStrategy> strategies) {
    return strategies.stream().map(InvalidationStrategy::name).toList();
  }
}
