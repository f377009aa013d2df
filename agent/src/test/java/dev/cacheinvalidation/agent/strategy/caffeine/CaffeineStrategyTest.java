package dev.cacheinvalidation.agent.strategy.caffeine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.agent.pipeline.GlobPattern;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The strategy's shortcuts (skipping a named cache, clearing one whole, prefix checks) remove exactly the keys
 * the plain walk removes: every key whose address matches a pattern.
 */
class CaffeineStrategyTest {
  private static final String[] PATTERN_SHAPES = {"categories::*", "cat*", "categories::a*", "*::a*", "cat::?*",
      "products::*", "a*", "categories::[ab]*", "ca?egories::*", "categories::a:b", "categor*::b*", "c*", "b:*",
      "cat::", "categories::*a", "*a"};

  @Test
  void removesExactlyTheKeysWhoseAddressMatches() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      CaffeineCacheRegistry registry = new CaffeineCacheRegistry();
      List<Cache<Object, Object>> caches = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String name : new String[] {null, "categories", "cat", "products"}) {
        Cache<Object, Object> cache = Caffeine.newBuilder().build();
        for (int i = 0; i < 30; i++) {
          Object key = random.nextInt(4) == 0 ? (Object) random.nextInt(100) : randomText(random, "ab:?*", 5);
          cache.put(key, "v");
        }
        if (name == null) {
          registry.caffeineCacheBuilt(cache);
        } else {
          registry.cacheNamed(name, cache);
        }
        caches.add(cache);
        names.add(name);
      }
      List<String> patterns = new ArrayList<>();
      for (int i = random.nextInt(3) + 1; i > 0; i--) {
        patterns.add(random.nextInt(4) == 0 ? randomText(random, "ab:?*c", 6)
            : PATTERN_SHAPES[random.nextInt(PATTERN_SHAPES.length)]);
      }
      List<Set<Object>> expectedLeft = new ArrayList<>();
      long expectedRemoved = 0;
      for (int c = 0; c < caches.size(); c++) {
        Set<Object> left = new HashSet<>();
        for (Object key : caches.get(c).asMap().keySet()) {
          String address = names.get(c) == null ? String.valueOf(key) : names.get(c) + "::" + key;
          if (patterns.stream().anyMatch(p -> GlobPattern.compile(p).matches(address))) {
            expectedRemoved++;
          } else {
            left.add(key);
          }
        }
        expectedLeft.add(left);
      }

      long removed = new CaffeineStrategy(registry)
          .apply(new Invalidation(1, "test", List.of(), patterns, System.nanoTime()));

      assertEquals(expectedRemoved, removed, "patterns " + patterns);
      for (int c = 0; c < caches.size(); c++) {
        Map<Object, Object> map = caches.get(c).asMap();
        assertEquals(expectedLeft.get(c), map.keySet(), "cache " + names.get(c) + ", patterns " + patterns);
      }
    }
  }

  /**
   * The stale-set race, staged: a value put after the first pass (a reader that loaded the old row before the
   * commit) is removed by the second pass, and nothing else is touched.
   */
  @Test
  void secondPassRemovesAValuePutAfterTheFirst() throws Exception {
    CaffeineCacheRegistry registry = new CaffeineCacheRegistry();
    Cache<Object, Object> cache = Caffeine.newBuilder().build();
    registry.caffeineCacheBuilt(cache);
    cache.put("category:1", "old");
    cache.put("post:1", "kept");
    try (CaffeineStrategy strategy = new CaffeineStrategy(registry, 50)) {
      assertEquals(1, strategy.apply(new Invalidation(1, "test", List.of(), List.of("category:*"), System.nanoTime())));
      cache.put("category:1", "old, put late");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (cache.getIfPresent("category:1") != null && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(null, cache.getIfPresent("category:1"), "the second pass did not run");
      assertEquals("kept", cache.getIfPresent("post:1"));
    }
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
