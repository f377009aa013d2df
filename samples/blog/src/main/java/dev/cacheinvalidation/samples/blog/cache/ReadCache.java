package dev.cacheinvalidation.samples.blog.cache;

import java.lang.reflect.Type;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * One cache-aside read cache, the way an application writes it: look up the key, else load from the database
 * and store the result. There is deliberately no way to remove an entry: keeping the cache right after writes
 * is the agent's job. Implementations are thread-safe.
 */
public interface ReadCache {

  /**
   * Returns the cached value of {@code key}, else {@code loader}'s value, which is stored unless it is null.
   * {@code type} is the value's type, for caches that store serialized values.
   */
  <T> T get(String key, Type type, Supplier<T> loader);

  /** A snapshot of this cache's entries: each key and its value as JSON, sorted by key. */
  SortedMap<String, String> contents();
}
