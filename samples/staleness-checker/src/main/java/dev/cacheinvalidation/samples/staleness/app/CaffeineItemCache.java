package dev.cacheinvalidation.samples.staleness.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.TreeMap;

/** A local Caffeine cache, built the ordinary way so the agent finds it. Thread-safe. */
final class CaffeineItemCache implements ItemCache {
  private final Cache<String, String> cache = Caffeine.newBuilder().maximumSize(100_000).build();

  @Override
  public String get(String key) {
    return cache.getIfPresent(key);
  }

  @Override
  public void put(String key, String value) {
    cache.put(key, value);
  }

  @Override
  public void evict(String key) {
    cache.invalidate(key);
  }

  @Override
  public Map<String, String> entries() {
    return new TreeMap<>(cache.asMap());
  }

  @Override
  public void clear() {
    cache.invalidateAll();
  }

  @Override
  public void close() {}
}
