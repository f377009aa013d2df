package dev.cacheinvalidation.agent.strategy;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKey;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineCacheRegistry;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineStrategy;
import dev.cacheinvalidation.agent.strategy.redis.CaffeineBroadcastStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoints;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisSettings;
import dev.cacheinvalidation.agent.strategy.redis.VersioningStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds strategies by name and keeps one instance per name, so switching back and forth over JMX reuses
 * connections, and invalidations a strategy still holds for retry stay with it. A strategy reads the settings
 * it needs ({@link #keysReadBy}) from the configuration given when it is first created and keeps them until the
 * JVM stops: a later configuration with other values does not change it, and {@link #keysNotApplied} names
 * those keys so that a reload can say so. Strategies with the same Redis settings share one Redis client.
 * Creating a strategy never connects. Thread-safe.
 */
public final class StrategyFactory {
  /** Not a name {@code invalidation.strategy} accepts: added after {@code caffeine} when it broadcasts. */
  private static final String BROADCAST = "caffeine-broadcast";

  private final CaffeineCacheRegistry caffeineCaches;
  private final RedisEndpoints redis = new RedisEndpoints();
  private final Map<String, Created> instances = new ConcurrentHashMap<>();

  /** A strategy and the values of {@link #keysReadBy} it was created with. */
  private record Created(InvalidationStrategy strategy, Map<ConfigKey<?>, Object> settings) {}

  public StrategyFactory(CaffeineCacheRegistry caffeineCaches) {
    this.caffeineCaches = caffeineCaches;
  }

  /**
   * The strategies for a list of names; those not created yet are created from {@code config}.
   *
   * @throws IllegalArgumentException naming the strategy that cannot be created, and why
   */
  public List<InvalidationStrategy> strategies(List<String> names, AgentConfig config) {
    List<InvalidationStrategy> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(instance(name, config));
      if (name.equals("caffeine") && config.get(ConfigKeys.CAFFEINE_BROADCAST)) {
        // The publish half of caffeine: remote, so it runs (and is retried) off the committing thread.
        out.add(instance(BROADCAST, config));
      }
    }
    return out;
  }

  /**
   * The keys whose value in {@code config} differs from the one a strategy already created was built with:
   * they take effect for that strategy only when the JVM restarts. In the order of {@link ConfigKeys}.
   */
  public Set<ConfigKey<?>> keysNotApplied(AgentConfig config) {
    Set<ConfigKey<?>> differing = new LinkedHashSet<>();
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      for (Created created : instances.values()) {
        Map<ConfigKey<?>, Object> settings = created.settings();
        if (settings.containsKey(key) && !Objects.equals(config.get(key), settings.get(key))) {
          differing.add(key);
        }
      }
    }
    return differing;
  }

  /** The keys a strategy reads when it is created (none for a name this build does not know). */
  static List<ConfigKey<?>> keysReadBy(String name) {
    return switch (name) {
      case "caffeine" -> List.of(ConfigKeys.CAFFEINE_DELETE_AGAIN_AFTER_MS);
      case "redis-pattern" -> RedisSettings.KEYS;
      case "versioning" -> concat(RedisSettings.KEYS, ConfigKeys.VERSIONING_KEY);
      case BROADCAST -> concat(RedisSettings.KEYS, ConfigKeys.CAFFEINE_CHANNEL);
      default -> List.of();
    };
  }

  private InvalidationStrategy instance(String name, AgentConfig config) {
    return instances.computeIfAbsent(name, key -> {
      Map<ConfigKey<?>, Object> settings = new LinkedHashMap<>();
      for (ConfigKey<?> read : keysReadBy(key)) {
        settings.put(read, config.get(read));
      }
      return new Created(create(key, config), settings);
    }).strategy();
  }

  private InvalidationStrategy create(String name, AgentConfig config) {
    switch (name) {
      case "caffeine":
        return new CaffeineStrategy(caffeineCaches, config.get(ConfigKeys.CAFFEINE_DELETE_AGAIN_AFTER_MS));
      case "log":
        return new LogStrategy();
      case "redis-pattern":
        return new RedisPatternStrategy(redis.forSettings(RedisSettings.from(config)));
      case "versioning":
        return new VersioningStrategy(redis.forSettings(RedisSettings.from(config)),
            config.get(ConfigKeys.VERSIONING_KEY), config.rules().keySet());
      case BROADCAST:
        // strategies() created caffeine just before its publish half; read, not created, inside this creation.
        return new CaffeineBroadcastStrategy(redis.forSettings(RedisSettings.from(config)),
            config.get(ConfigKeys.CAFFEINE_CHANNEL), (CaffeineStrategy) instances.get("caffeine").strategy());
      default:
        throw new IllegalArgumentException("strategy '" + name + "' is not available in this build");
    }
  }

  private static List<ConfigKey<?>> concat(List<ConfigKey<?>> keys, ConfigKey<?> more) {
    List<ConfigKey<?>> all = new ArrayList<>(keys);
    all.add(more);
    return List.copyOf(all);
  }

  /**
   * The current version of each known name, when the {@code versioning} strategy has been created; otherwise
   * an empty map.
   *
   * @throws Exception when Redis cannot be read
   */
  public Map<String, Long> versions() throws Exception {
    Created versioning = instances.get("versioning");
    return versioning != null && versioning.strategy() instanceof VersioningStrategy strategy
        ? strategy.versions() : Map.of();
  }

  /** Closes every strategy (JVM shutdown). */
  public void closeAll() {
    instances.values().forEach(created -> {
      try {
        created.strategy().close();
      } catch (Exception ignored) {
        // Shutting down: nothing left to tell.
      }
    });
    redis.close();
  }
}
