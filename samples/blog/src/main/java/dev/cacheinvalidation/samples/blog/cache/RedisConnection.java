package dev.cacheinvalidation.samples.blog.cache;

import java.net.URI;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Opens the application's Redis client and describes its address without credentials. Stateless. */
final class RedisConnection {
  private RedisConnection() {}

  /** A pooled client for a {@code redis://} or {@code rediss://} URI; refuses what Jedis cannot open alone. */
  static UnifiedJedis open(String uri) {
    URI parsed = URI.create(uri);
    if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
      throw new IllegalArgumentException(
          "invalidation.redis.uri: the blog sample opens redis:// and rediss:// only, not " + describe(uri));
    }
    return new JedisPooled(parsed);
  }

  /** scheme://host:port/db, never the password. */
  static String describe(String uri) {
    URI parsed = URI.create(uri);
    return parsed.getScheme() + "://" + parsed.getHost() + ":" + (parsed.getPort() < 0 ? 6379 : parsed.getPort())
        + (parsed.getPath() == null ? "" : parsed.getPath());
  }

  /** Deletes every key of the given kinds ({@code category:*}, ...), version keys included. */
  static void deleteKeys(UnifiedJedis redis, String... kinds) {
    for (String kind : kinds) {
      ScanParams match = new ScanParams().match(kind + ":*").count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, match);
        List<String> keys = page.getResult();
        if (!keys.isEmpty()) {
          redis.del(keys.toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }
}
