package dev.cacheinvalidation.samples.blog.cache;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The blog's read caches, one per kind of data; each key starts with its kind ({@code category:1},
 * {@code post:all}), which is how the agent's default rule {@code {name}:*} finds the entries of a written
 * entity. Thread-safe.
 */
public final class BlogCaches {
  private final String description;
  private final ReadCache categories;
  private final ReadCache tags;
  private final ReadCache posts;
  private final ReadCache comments;

  private BlogCaches(String description, Supplier<ReadCache> factory) {
    this.description = description;
    this.categories = factory.get();
    this.tags = factory.get();
    this.posts = factory.get();
    this.comments = factory.get();
  }

  /** Four Caffeine caches in this JVM. */
  public static BlogCaches caffeine() {
    return new BlogCaches("Caffeine (in this JVM)", CaffeineReadCache::new);
  }

  /** Caches in another store, described for the narration as {@code description}. */
  public static BlogCaches of(String description, Supplier<ReadCache> factory) {
    return new BlogCaches(description, factory);
  }

  public String description() {
    return description;
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
