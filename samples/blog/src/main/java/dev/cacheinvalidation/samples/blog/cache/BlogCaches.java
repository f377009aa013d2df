package dev.cacheinvalidation.samples.blog.cache;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * The blog's read caches, one per kind of data; each key starts with its kind ({@code category:1},
 * {@code post:all}), which is how the agent's default rule {@code {name}:*} finds the entries of a written
 * entity. Thread-safe.
 */
public final class BlogCaches {
  private static final String[] KINDS = {"category", "tag", "post", "comment"};

  private final String description;
  private final String removedWords;
  private final ReadCache categories;
  private final ReadCache tags;
  private final ReadCache posts;
  private final ReadCache comments;

  private BlogCaches(String description, String removedWords, Function<String, ReadCache> factory) {
    this.description = description;
    this.removedWords = removedWords;
    this.categories = factory.apply(KINDS[0]);
    this.tags = factory.apply(KINDS[1]);
    this.posts = factory.apply(KINDS[2]);
    this.comments = factory.apply(KINDS[3]);
  }

  /** The caches the settings ask for: Redis (plain or versioned keys) or Caffeine. */
  public static BlogCaches of(CacheSettings settings) {
    if (!settings.redis()) {
      return caffeine();
    }
    UnifiedJedis redis = RedisConnection.open(settings.redisUri());
    String where = "Redis at " + RedisConnection.describe(settings.redisUri());
    // The database is new on every start (H2 in memory): entries an earlier run left describe other rows.
    RedisConnection.deleteKeys(redis, KINDS);
    if (settings.versioned()) {
      return new BlogCaches(where + ", the version in each key", "no longer served (new version)",
          kind -> new RedisReadCache(redis, kind, settings.versionKeyTemplate().replace("{name}", kind)));
    }
    return new BlogCaches(where, "removed from the caches", kind -> new RedisReadCache(redis, kind, null));
  }

  /** Four Caffeine caches in this JVM. */
  public static BlogCaches caffeine() {
    return new BlogCaches("Caffeine (in this JVM)", "removed from the caches", kind -> new CaffeineReadCache());
  }

  public String description() {
    return description;
  }

  /** How the narration says that entries are gone: removed, or (versioned keys) no longer served. */
  public String removedWords() {
    return removedWords;
  }
  public ReadCache categories() {
    return categories;
  }

  public ReadCache tags() {
    return tags;
  }

  public ReadCache posts() {
    return posts;
  }

  public ReadCache comments() {
    return comments;
  }

  /** Every cached entry: key to JSON value, sorted by key. */
  public SortedMap<String, String> contents() {
    SortedMap<String, String> contents = new TreeMap<>();
    contents.putAll(categories.contents());
    contents.putAll(tags.contents());
    contents.putAll(posts.contents());
    contents.putAll(comments.contents());
    return contents;
  }
}
