package dev.cacheinvalidation.agent.strategy.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RedisEndpoint} per distinct Redis setting, so {@code redis-pattern}, {@code versioning} and the
 * Caffeine broadcast configured with the same URI share one client and its connections. Thread-safe.
 */
public final class RedisEndpoints implements AutoCloseable {
  private final Map<String, RedisEndpoint> endpoints = new ConcurrentHashMap<>();

  /** The shared endpoint for these settings (created, not connected, on first request). */
  public RedisEndpoint forSettings(RedisSettings settings) {
    return endpoints.computeIfAbsent(settings.endpointKey(), key -> new RedisEndpoint(settings));
  }

  @Override
  public void close() {
    endpoints.values().forEach(RedisEndpoint::close);
    endpoints.clear();
  }
}
