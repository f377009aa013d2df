package dev.cacheinvalidation.agent.strategy;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineCacheRegistry;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineStrategy;
import dev.cacheinvalidation.agent.strategy.redis.CaffeineBroadcastStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoints;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisSettings;
import dev.cacheinvalidation.agent.strategy.redis.VersioningStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds strategies by name and keeps one instance per name, so switching back and forth over JMX reuses
 * connections. A Redis strategy reads the Redis settings of the configuration current when it is first
 * created; strategies with the same settings share one Redis client. Creating a strategy never connects.
 * Thread-safe.
 */
public final class StrategyFactory {
  private final CaffeineCacheRegistry caffeineCaches;
  private final Supplier<AgentConfig> config;
  private final RedisEndpoints redis = new RedisEndpoints();
  /** Not a name {@code invalidation.strategy} accepts: added after {@code caffeine} when it broadcasts. */
  private static final String BROADCAST = "caffeine-broadcast";

  private final Map<String, InvalidationStrategy> instances = new ConcurrentHashMap<>();

  /**
   * @param config the configuration in force (read when a strategy is first created)
   */
  public StrategyFactory(CaffeineCacheRegistry caffeineCaches, Supplier<AgentConfig> config) {
    this.caffeineCaches = caffeineCaches;
    this.config = config;
  }

  /**
   * The strategies for a list of names.
   *
   * @throws IllegalArgumentException naming the strategy that cannot be created, and why
   */
  public List<InvalidationStrategy> strategies(List<String> names) {
    List<InvalidationStrategy> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(instances.computeIfAbsent(name, this::create));
      if (name.equals("caffeine") && config.get().get(ConfigKeys.CAFFEINE_BROADCAST)) {
        // The publish half of caffeine: remote, so it runs (and is retried) off the committing thread.
        out.add(instances.computeIfAbsent(BROADCAST, key -> createBroadcast()));
      }
    }
    return out;
  }

  private InvalidationStrategy createBroadcast() {
    AgentConfig current = config.get();
    CaffeineStrategy caffeine = (CaffeineStrategy) instances.computeIfAbsent("caffeine", this::create);
    return new CaffeineBroadcastStrategy(redis.forSettings(RedisSettings.from(current)),
        current.get(ConfigKeys.CAFFEINE_CHANNEL), caffeine);
  }

  private InvalidationStrategy create(String name) {
    switch (name) {
      case "caffeine":
        return new CaffeineStrategy(caffeineCaches,
            config.get().get(ConfigKeys.CAFFEINE_DELETE_AGAIN_AFTER_MS));
      case "log":
        return new LogStrategy();
      case "redis-pattern":
        return new RedisPatternStrategy(redis.forSettings(RedisSettings.from(config.get())));
      case "versioning": {
        AgentConfig current = config.get();
        return new VersioningStrategy(redis.forSettings(RedisSettings.from(current)),
            current.get(ConfigKeys.VERSIONING_KEY), current.rules().keySet());
      }
      default:
        throw new IllegalArgumentException("strategy '" + name + "' is not available in this build");
    }
  }

  /**
   * The current version of each known name, when the {@code versioning} strategy has been created; otherwise
   * an empty map.
   *
   * @throws Exception when Redis cannot be read
   */
  public Map<String, Long> versions() throws Exception {
    InvalidationStrategy versioning = instances.get("versioning");
    return versioning instanceof VersioningStrategy strategy ? strategy.versions() : Map.of();
  }

  /** Closes every strategy (JVM shutdown). */
  public void closeAll() {
    instances.values().forEach(strategy -> {
      try {
        strategy.close();
      } catch (Exception ignored) {
        // Shutting down: nothing left to tell.
      }
    });
    redis.close();
  }
}
