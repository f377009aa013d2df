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
  private static final List<ConfigKey<?>> REDIS_KEYS = List.of(ConfigKeys.REDIS_URI, ConfigKeys.REDIS_CLUSTER,
      ConfigKeys.REDIS_TIMEOUT_MS, ConfigKeys.REDIS_SCAN_COUNT, ConfigKeys.REDIS_DELETE_AGAIN_AFTER_MS);

  private final CaffeineCacheRegistry caffeineCaches;
  private final RedisEndpoints redis = new RedisEndpoints();
  private final Map<String, InvalidationStrategy> instances = new ConcurrentHashMap<>();
  /** Strategy name → the values of {@link #keysReadBy} it was created with. */
  private final Map<String, Map<ConfigKey<?>, Object>> createdWith = new ConcurrentHashMap<>();

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
    for (Map<ConfigKey<?>, Object> values : createdWith.values()) {
      values.forEach((key, value) -> {
        if (!Objects.equals(config.get(key), value)) {
          differing.add(key);
        }
      });
    }
    Set<ConfigKey<?>> ordered = new LinkedHashSet<>();
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      if (differing.contains(key)) {
        ordered.add(key);
      }
    }
    return ordered;
  }

  /** The keys a strategy reads when it is created (none for a name this build does not know). */
  static List<ConfigKey<?>> keysReadBy(String name) {
    return switch (name) {
      case "caffeine" -> List.of(ConfigKeys.CAFFEINE_DELETE_AGAIN_AFTER_MS);
      case "redis-pattern" -> REDIS_KEYS;
      case "versioning" -> concat(REDIS_KEYS, ConfigKeys.VERSIONING_KEY);
      case BROADCAST -> concat(REDIS_KEYS, ConfigKeys.CAFFEINE_CHANNEL);
      default -> List.of();
    };
  }

  private InvalidationStrategy instance(String name, AgentConfig config) {
    return instances.computeIfAbsent(name, key -> {
      InvalidationStrategy created = create(key, config);
      Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
      for (ConfigKey<?> read : keysReadBy(key)) {
        values.put(read, config.get(read));
      }
      createdWith.put(key, values);
      return created;
    });
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
        return new CaffeineBroadcastStrategy(redis.forSettings(RedisSettings.from(config)),
            config.get(ConfigKeys.CAFFEINE_CHANNEL), (CaffeineStrategy) instance("caffeine", config));
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
