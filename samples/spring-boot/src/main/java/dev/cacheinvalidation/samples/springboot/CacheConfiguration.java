package dev.cacheinvalidation.samples.springboot;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Set;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The application's caches: four Caffeine caches in the primary cache manager and one Redis cache. Both
 * address an entry as {@code <cacheName>::<key>} (Redis in its key, the agent for Caffeine), which is what
 * the agent's rules in {@code agent.properties} name. Nothing here evicts anything.
 */
@Configuration
@EnableCaching
public class CacheConfiguration {
  public static final String CATEGORIES = "categories";
  public static final String TAGS = "tags";
  public static final String POSTS = "posts";
  public static final String COMMENTS = "comments";
  /** The Redis cache: per-category post counts. */
  public static final String CATEGORY_STATS = "category-stats";
  public static final String REDIS_CACHE_MANAGER = "redisCacheManager";

  @Bean
  @Primary
  public CacheManager cacheManager() {
    CaffeineCacheManager manager = new CaffeineCacheManager(CATEGORIES, TAGS, POSTS, COMMENTS);
    manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000));
    return manager;
  }

  /**
   * Redis is reached only when the Redis-cached read runs, so the application starts and serves everything
   * else without a Redis server.
   */
  @Bean(REDIS_CACHE_MANAGER)
  public RedisCacheManager redisCacheManager(RedisConnectionFactory connectionFactory) {
    // The views are deserialised with the application's class loader (in the executable jar, Boot's own).
    RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig(getClass().getClassLoader())
        .entryTtl(Duration.ofHours(1));
    return RedisCacheManager.builder(connectionFactory).cacheDefaults(defaults)
        .initialCacheNames(Set.of(CATEGORY_STATS)).build();
  }
}
