package dev.cacheinvalidation.samples.springboot.web;

import dev.cacheinvalidation.samples.springboot.CacheConfiguration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/caches}: the keys each cache holds right now, so a person (or a test) can watch entries
 * appear on reads and disappear after writes. Observation only: it removes nothing. The Redis cache is
 * listed only with {@code ?redis=true}, since it needs a reachable Redis.
 */
@RestController
public class CacheContentsController {
  private final CacheManager caffeine;
  private final StringRedisTemplate redis;

  public CacheContentsController(@Qualifier("cacheManager") CacheManager caffeine, StringRedisTemplate redis) {
    this.caffeine = caffeine;
    this.redis = redis;
  }

  @GetMapping("/api/caches")
  public Map<String, List<String>> keys(@RequestParam(defaultValue = "false") boolean redis) {
    Map<String, List<String>> keys = new TreeMap<>();
    for (String name : caffeine.getCacheNames()) {
      CaffeineCache cache = (CaffeineCache) caffeine.getCache(name);
      keys.put(name, cache.getNativeCache().asMap().keySet().stream().map(String::valueOf).sorted().toList());
    }
    if (redis) {
      keys.put(CacheConfiguration.CATEGORY_STATS, redisKeys(CacheConfiguration.CATEGORY_STATS));
    }
    return keys;
  }

  private List<String> redisKeys(String cacheName) {
    String prefix = cacheName + "::";
    ScanOptions options = ScanOptions.scanOptions().match(prefix + "*").count(1000).build();
    try (Cursor<String> cursor = redis.scan(options)) {
      return cursor.stream().map(key -> key.substring(prefix.length())).sorted().toList();
    }
  }
}
