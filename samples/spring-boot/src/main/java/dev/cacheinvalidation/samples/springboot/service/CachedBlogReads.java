package dev.cacheinvalidation.samples.springboot.service;

import dev.cacheinvalidation.samples.springboot.CacheConfiguration;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryStats;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryView;
import dev.cacheinvalidation.samples.springboot.service.Views.CommentView;
import dev.cacheinvalidation.samples.springboot.service.Views.PostView;
import dev.cacheinvalidation.samples.springboot.service.Views.TagView;
import java.util.List;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * The cached reads, keyed by id: {@code categories::<id>}, {@code tags::<id>}, {@code posts::<id>},
 * {@code comments::<postId>} on Caffeine and {@code category-stats::<id>} on Redis. There is deliberately
 * no {@code @CacheEvict} anywhere in the application. Thread-safe.
 */
@Service
public class CachedBlogReads {
  private final BlogQueries queries;

  public CachedBlogReads(BlogQueries queries) {
    this.queries = queries;
  }

  @Cacheable(CacheConfiguration.CATEGORIES)
  public CategoryView category(long id) {
    return queries.category(id);
  }

  @Cacheable(CacheConfiguration.TAGS)
  public TagView tag(long id) {
    return queries.tag(id);
  }

  @Cacheable(CacheConfiguration.POSTS)
  public PostView post(long id) {
    return queries.post(id);
  }

  @Cacheable(CacheConfiguration.COMMENTS)
  public List<CommentView> comments(long postId) {
    return queries.comments(postId);
  }

  @Cacheable(cacheNames = CacheConfiguration.CATEGORY_STATS, cacheManager = CacheConfiguration.REDIS_CACHE_MANAGER)
  public CategoryStats categoryStats(long id) {
    return queries.categoryStats(id);
  }
}
