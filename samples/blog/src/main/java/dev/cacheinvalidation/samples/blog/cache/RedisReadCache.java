package dev.cacheinvalidation.samples.blog.cache;

import dev.cacheinvalidation.samples.blog.json.Json;
import java.lang.reflect.Type;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A {@link ReadCache} in Redis through the application's own client (Jedis): JSON values with a TTL under keys
 * of one kind ({@code category:1}). Versioned, it follows the recipe of the agent's {@code versioning} strategy:
 * the kind's current version, read from its version key ({@code category:version}), goes into every key
 * ({@code category:v3:1}), so a commit that bumps the version retires the old entries (they expire by their
 * TTL). Like the Caffeine cache, it never deletes anything. Thread-safe (Jedis' pooled client is).
 */
public final class RedisReadCache implements ReadCache {
  private static final long TTL_SECONDS = 3600;

  private final UnifiedJedis redis;
  private final String kind;
  private final String versionKey;

  /**
   * @param versionKey the kind's version key when versioned, else null
   */
  public RedisReadCache(UnifiedJedis redis, String kind, String versionKey) {
    this.redis = redis;
    this.kind = kind;
    this.versionKey = versionKey;
  }

  @Override
  public <T> T get(String key, Type type, Supplier<T> loader) {
    String redisKey = redisKey(key);
    String cached = redis.get(redisKey);
    if (cached != null) {
      return Json.read(cached, type);
    }
    T loaded = loader.get();
    if (loaded != null) {
      redis.set(redisKey, Json.write(loaded), SetParams.setParams().ex(TTL_SECONDS));
    }
    return loaded;
  }

  /** The entries a read can find: under the current version when versioned. Keys shown without the version. */
  @Override
  public SortedMap<String, String> contents() {
    String prefix = versionKey == null ? kind + ":" : kind + ":v" + version() + ":";
    SortedMap<String, String> contents = new TreeMap<>();
    ScanParams match = new ScanParams().match(escape(prefix) + "*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, match);
      for (String redisKey : page.getResult()) {
        String value = redisKey.equals(versionKey) ? null : redis.get(redisKey);
        if (value != null) {
          contents.put(kind + ":" + redisKey.substring(prefix.length()), value);
        }
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return contents;
  }

  private String redisKey(String key) {
    return versionKey == null ? key : kind + ":v" + version() + key.substring(kind.length());
  }

  private String version() {
    String version = redis.get(versionKey);
    return version == null ? "0" : version;
  }

  private static String escape(String literal) {
    return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
