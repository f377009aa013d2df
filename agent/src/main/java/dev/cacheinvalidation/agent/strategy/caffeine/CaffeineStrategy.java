package dev.cacheinvalidation.agent.strategy.caffeine;

import dev.cacheinvalidation.agent.DaemonThreads;
import dev.cacheinvalidation.agent.pipeline.GlobPattern;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies patterns to the keys of the application's Caffeine caches: {@code String.valueOf(key)} (or
 * {@code <cacheName>::<key>} for a named cache) against each glob; {@code *} clears a cache whole.
 *
 * <p>Runs on the committing thread: it is in-process and does not block. Walking a cache's keys costs about
 * 20 ns per entry, so it is avoided where the answer is known without it, each shortcut removing exactly what
 * the walk would: a named cache whose {@code <cacheName>::} no pattern can start with is skipped; one that a
 * pattern covers whole ({@code categories::*}) is cleared; a literal-prefix pattern ({@code product:*}) is a
 * {@code startsWith}, and any other pattern is only run on keys that start with its literal prefix.
 *
 * <p>With a second-pass delay above 0 ({@code invalidation.caffeine.delete-again-after-ms}), every invalidation
 * is applied once more after that delay, on this strategy's own daemon timer thread: it removes a value that a
 * reader loaded from the database before the commit and put after the first pass, which no single pass after
 * commit can see. Thread-safe.
 */
public final class CaffeineStrategy implements InvalidationStrategy {
  private final CaffeineCacheRegistry registry;
  private final long secondPassMillis;
  private final ScheduledExecutorService secondPass;

  public CaffeineStrategy(CaffeineCacheRegistry registry) {
    this(registry, 0);
  }

  /** A strategy that also applies each invalidation a second time {@code secondPassMillis} later (0: never). */
  public CaffeineStrategy(CaffeineCacheRegistry registry, long secondPassMillis) {
    this.registry = registry;
    this.secondPassMillis = secondPassMillis;
    this.secondPass = secondPassMillis > 0 ? DaemonThreads.timer("cache-invalidation-caffeine-second-pass") : null;
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
    long removed = applyNow(invalidation);
    if (secondPass != null) {
      try {
        secondPass.schedule(() -> {
          try {
            applyNow(invalidation);
          } catch (RuntimeException e) {
            // A cache's own failure (a key whose toString throws): the first pass already ran.
          }
        }, secondPassMillis, TimeUnit.MILLISECONDS);
      } catch (RuntimeException shutDown) {
        // Closing: the first pass is done.
      }
    }
    return removed;
  }

  @Override
  public void close() {
    if (secondPass != null) {
      secondPass.shutdownNow();
    }
  }

  private long applyNow(Invalidation invalidation) {
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
        removed += clear(cache.entries());
      } else if (cache.name() == null) {
        removed += removeMatching(cache.entries(), patterns);
      } else {
        removed += removeMatchingNamed(cache.entries(), cache.name() + "::", patterns);
      }
    }
    return removed;
  }

  private static long clear(ConcurrentMap<Object, Object> entries) {
    long size = entries.size();
    entries.clear();
    return size;
  }

  /** An unnamed cache: each key's {@code String.valueOf} against the patterns. */
  private static long removeMatching(ConcurrentMap<Object, Object> entries, List<GlobPattern> patterns) {
    long removed = 0;
    for (Object key : entries.keySet()) {
      String address = String.valueOf(key);
      for (GlobPattern pattern : patterns) {
        if (pattern.matches(address)) {
          if (entries.remove(key) != null) {
            removed++;
          }
          break;
        }
      }
    }
    return removed;
  }

  /** A named cache: every address starts with {@code prefix} ({@code <cacheName>::}), so most patterns are decided once. */
  private static long removeMatchingNamed(ConcurrentMap<Object, Object> entries, String prefix,
      List<GlobPattern> patterns) {
    List<GlobPattern> relevant = new ArrayList<>(patterns.size());
    for (GlobPattern pattern : patterns) {
      if (pattern.matchesEveryKeyStartingWith(prefix)) {
        return clear(entries);
      }
      if (pattern.mayMatchSomeKeyStartingWith(prefix)) {
        relevant.add(pattern);
      }
    }
    if (relevant.isEmpty()) {
      return 0;
    }
    // What the key itself (after the prefix) must start with for each pattern: checked before building the address.
    String[] keyPrefixes = new String[relevant.size()];
    for (int i = 0; i < keyPrefixes.length; i++) {
      String literal = relevant.get(i).literalPrefix();
      keyPrefixes[i] = literal.length() > prefix.length() ? literal.substring(prefix.length()) : "";
    }
    long removed = 0;
    for (Object key : entries.keySet()) {
      String keyText = String.valueOf(key);
      String address = null;
      for (int i = 0; i < keyPrefixes.length; i++) {
        if (!keyText.startsWith(keyPrefixes[i])) {
          continue;
        }
        GlobPattern pattern = relevant.get(i);
        boolean matched;
        if (pattern.isPrefixThenAnything()) {
          matched = true; // the address starts with the whole literal prefix, and the rest is anything
        } else {
          if (address == null) {
            address = prefix + keyText;
          }
          matched = pattern.matches(address);
        }
        if (matched) {
          if (entries.remove(key) != null) {
            removed++;
          }
          break;
        }
      }
    }
    return removed;
  }
}
