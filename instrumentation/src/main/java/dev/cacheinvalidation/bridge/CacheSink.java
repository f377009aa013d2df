package dev.cacheinvalidation.bridge;

/**
 * Receives the application caches that instrumentation discovers as they are built.
 *
 * <p>Implemented by the agent; called from advice inlined into cache libraries. Arguments are typed
 * {@code Object} because the bridge lives on the bootstrap class path and cannot see application types.
 * Implementations must be thread-safe, fast, must hold caches weakly and must never throw.
 */
public interface CacheSink {
  /** A sink that ignores everything: installed until the agent has started. */
  CacheSink NOOP = new CacheSink() {};

  /** A Caffeine {@code Cache}, {@code LoadingCache}, {@code AsyncCache} or {@code AsyncLoadingCache} was built. */
  default void caffeineCacheBuilt(Object cache) {}

  /**
   * A framework gave a cache a name (Spring's {@code CaffeineCache}); its entries are addressed as
   * {@code <name>::<key>} from now on.
   */
  default void cacheNamed(String name, Object nativeCache) {}
}
