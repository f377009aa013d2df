package dev.cacheinvalidation.samples.blog.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.samples.blog.json.Json;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A {@link ReadCache} in a Caffeine cache of the application's own, keyed by strings such as
 * {@code category:1}. The agent finds the cache when it is built; this class never removes anything.
 * Thread-safe.
 */
public final class CaffeineReadCache implements ReadCache {
  private final Cache<String, Object> entries =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(String key, Type type, Supplier<T> loader) {
    return (T) entries.get(key, missing -> loader.get());
  }

  @Override
  public SortedMap<String, String> contents() {
    SortedMap<String, String> contents = new TreeMap<>();
    entries.asMap().forEach((key, value) -> contents.put(key, Json.write(value)));
    return contents;
  }
}
