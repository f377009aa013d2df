package dev.cacheinvalidation.agent.strategy;

import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineCacheRegistry;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds strategies by name and keeps one instance per name, so switching back and forth over JMX reuses
 * connections. Thread-safe.
 */
public final class StrategyFactory {
  private final CaffeineCacheRegistry caffeineCaches;
  private final Map<String, InvalidationStrategy> instances = new ConcurrentHashMap<>();

  public StrategyFactory(CaffeineCacheRegistry caffeineCaches) {
    this.caffeineCaches = caffeineCaches;
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
    }
    return out;
  }

  private InvalidationStrategy create(String name) {
    switch (name) {
      case "caffeine":
        return new CaffeineStrategy(caffeineCaches);
      case "log":
        return new LogStrategy();
      default:
        throw new IllegalArgumentException("strategy '" + name + "' is not available in this build");
    }
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
  }
}
