package dev.cacheinvalidation.samples.overhead.child;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The application's own Caffeine cache, for the variant where the agent's Caffeine strategy has real work:
 * every invalidation walks the keys of every live cache. The keys belong to another name ({@code other:<n>}),
 * so no write of the workloads removes them and each invalidation walks all of them.
 *
 * <p>Thread-safety: {@link #fill} is called once, from the thread that runs the workloads.
 */
final class AppCache {
  /** Held statically, as an application holds its caches; the agent sees caches only while they are live. */
  private static Cache<String, String> cache;

  private AppCache() {}

  static void fill(int entries) {
    cache = Caffeine.newBuilder().maximumSize(Math.max(entries, 1)).build();
    for (int i = 0; i < entries; i++) {
      cache.put("other:" + i, "value " + i);
    }
  }
}
