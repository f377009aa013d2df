package dev.cacheinvalidation.samples.staleness.app;

import java.util.Map;
import java.util.TreeMap;

/**
 * Key versioning on Redis, the application's side of the agent's {@code versioning} strategy: every key
 * carries the current value of {@code item:version} ({@code item:<id>:v<version>}), which the agent INCRs after
 * each committed write of {@code item}. A reader resolves the version before its database read, so a row read
 * before a commit can only be put under the version that commit retires. Only entries under the current
 * version are reachable, so only they are compared. Thread-safe.
 */
final class VersionedRedisItemCache implements ItemCache {
  static final String VERSION_KEY = "item:version";

  private final RedisItemCache redis;

  VersionedRedisItemCache(String uri) {
    this.redis = new RedisItemCache(uri);
  }

  @Override
  public String slot(String key) {
    return key + ":v" + currentVersion();
  }

  @Override
  public String get(String slot) {
    return redis.get(slot);
  }

  @Override
  public void put(String slot, String value) {
    redis.put(slot, value);
  }

  @Override
  public void evict(String key) {
    redis.evict(slot(key));
  }

  @Override
  public Map<String, String> entries() {
    String version = redis.readPatiently(VERSION_KEY);
    String suffix = ":v" + (version == null ? "0" : version);
    Map<String, String> reachable = new TreeMap<>();
    redis.entries().forEach((key, value) -> {
      if (key.endsWith(suffix)) {
        reachable.put(key.substring(0, key.length() - suffix.length()), value);
      }
    });
    return reachable;
  }

  @Override
  public void clear() {
    redis.clear();
  }

  private String currentVersion() {
    String version = redis.get(VERSION_KEY);
    return version == null ? "0" : version;
  }

  @Override
  public void close() {
    redis.close();
  }
}
