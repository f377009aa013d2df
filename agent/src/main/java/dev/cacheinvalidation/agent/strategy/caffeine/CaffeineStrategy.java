package dev.cacheinvalidation.agent.strategy.caffeine;

import dev.cacheinvalidation.agent.pipeline.GlobPattern;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies patterns to the keys of the application's Caffeine caches: {@code String.valueOf(key)} (or
 * {@code <cacheName>::<key>} for a named cache) against each glob; {@code *} clears a cache whole.
 *
 * <p>Runs on the committing thread: it is in-process and does not block. The cost is one pass over the keys
 * of each live cache per invalidation. Thread-safe.
 */
public final class CaffeineStrategy implements InvalidationStrategy {
  private final CaffeineCacheRegistry registry;

  public CaffeineStrategy(CaffeineCacheRegistry registry) {
    this.registry = registry;
  }

  @Override
  public String name() {
    return "caffeine";
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public long apply(Invalidation invalidation) {
    List<CaffeineCacheRegistry.LiveCache> caches = registry.liveCaches();
    if (caches.isEmpty()) {
      return 0;
    }
    List<GlobPattern> patterns = new ArrayList<>(invalidation.patterns().size());
    boolean everything = false;
    for (String pattern : invalidation.patterns()) {
      GlobPattern glob = GlobPattern.compile(pattern);
      everything |= glob.matchesEverything();
      patterns.add(glob);
    }
    long removed = 0;
    for (CaffeineCacheRegistry.LiveCache cache : caches) {
      if (everything) {
        removed += cache.entries().size();
        cache.entries().clear();
        continue;
      }
      for (Object key : cache.entries().keySet()) {
        String address = cache.address(key);
        for (GlobPattern pattern : patterns) {
          if (pattern.matches(address)) {
            if (cache.entries().remove(key) != null) {
              removed++;
            }
            break;
          }
        }
      }
    }
    return removed;
  }
}
