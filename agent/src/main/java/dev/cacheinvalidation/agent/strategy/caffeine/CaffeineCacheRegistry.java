package dev.cacheinvalidation.agent.strategy.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.bridge.CacheSink;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * The application's Caffeine caches, as the Caffeine instrumentation reports them, held weakly so a cache the
 * application drops can be collected.
 *
 * <p>The application's Caffeine is not the agent's (which is relocated), so caches are reached through the
 * one view every version offers, {@code asMap()}, a {@link ConcurrentMap} from {@code java.base}. The method
 * is looked up on Caffeine's public interfaces, since the implementing classes are package-private.
 *
 * <p>Thread-safe.
 */
public final class CaffeineCacheRegistry implements CacheSink {
  private static final Logger log = AgentLog.get(CaffeineCacheRegistry.class);
  private static final String CACHE_INTERFACE = "com#github#benmanes#caffeine#cache#Cache".replace('#', '.');
  private static final String ASYNC_CACHE_INTERFACE =
      "com#github#benmanes#caffeine#cache#AsyncCache".replace('#', '.');

  /** Identity-keyed, weak keys: the agent's own (relocated) Caffeine. */
  private final Cache<Object, CacheName> caches = Caffeine.newBuilder().weakKeys().build();
  /** Whether a cache was ever reported: most applications have none, and every write asks. */
  private volatile boolean anyReported;
  private final ClassValue<Method[]> accessors = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      return findAccessors(type);
    }
  };

  @Override
  public void caffeineCacheBuilt(Object cache) {
    caches.asMap().putIfAbsent(cache, CacheName.UNNAMED);
    anyReported = true;
  }

  @Override
  public void cacheNamed(String name, Object nativeCache) {
    caches.put(nativeCache, new CacheName(name));
    anyReported = true;
  }

  /** A snapshot of the live caches with their names. */
  public List<LiveCache> liveCaches() {
    if (!anyReported || caches.asMap().isEmpty()) {
      return List.of(); // the usual case for an application without Caffeine: every write passes here
    }
    List<LiveCache> out = new ArrayList<>();
    caches.asMap().forEach((cache, name) -> {
      ConcurrentMap<Object, Object> map = asMap(cache);
      if (map != null) {
        out.add(new LiveCache(name.name(), map));
      }
    });
    return out;
  }

  /** How many caches are known, for diagnostics. */
  public long size() {
    return caches.estimatedSize();
  }

  @SuppressWarnings("unchecked")
  private ConcurrentMap<Object, Object> asMap(Object cache) {
    Method[] methods = accessors.get(cache.getClass());
    if (methods == null) {
      return null;
    }
    try {
      Object target = methods[0] == null ? cache : methods[0].invoke(cache);
      return (ConcurrentMap<Object, Object>) methods[1].invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("cannot reach the entries of cache {}", cache.getClass().getName(), e);
      return null;
    }
  }

  /** [synchronous() or null, asMap()] for a cache class; null when it is not a Caffeine cache. */
  private static Method[] findAccessors(Class<?> type) {
    try {
      Class<?> async = findInterface(type, ASYNC_CACHE_INTERFACE);
      if (async != null) {
        Method synchronous = async.getMethod("synchronous");
        Class<?> cache = synchronous.getReturnType();
        return new Method[] {synchronous, cache.getMethod("asMap")};
      }
      Class<?> cache = findInterface(type, CACHE_INTERFACE);
      return cache == null ? null : new Method[] {null, cache.getMethod("asMap")};
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Class<?> findInterface(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> candidate : c.getInterfaces()) {
        if (candidate.getName().equals(name)) {
          return candidate;
        }
        Class<?> inherited = findInterface(candidate, name);
        if (inherited != null) {
          return inherited;
        }
      }
    }
    return null;
  }

  /** A cache's name, or {@link #UNNAMED}. */
  record CacheName(String name) {
    static final CacheName UNNAMED = new CacheName(null);
  }

  /**
   * A live cache: its entries and, for a named cache, its name. Keys are addressed as {@code <name>::<key>}
   * for named caches and {@code String.valueOf(key)} otherwise.
   */
  public record LiveCache(String name, ConcurrentMap<Object, Object> entries) {
    public String address(Object key) {
      return name == null ? String.valueOf(key) : name + "::" + key;
    }
  }
}
