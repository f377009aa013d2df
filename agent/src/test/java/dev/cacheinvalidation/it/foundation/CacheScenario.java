package dev.cacheinvalidation.it.foundation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.it.harness.Scenario;
import java.util.TreeSet;

/**
 * An application with one Caffeine cache, steered from the test over standard input: {@code fill} puts
 * {@code category:1}, {@code category:2} and {@code post:1}; {@code rebuild} replaces the cache with a new one holding {@code category:1} and {@code post:1};
 * {@code probe} reports the keys; {@code exit} ends.
 */
public final class CacheScenario {
  private CacheScenario() {}

  public static void main(String[] args) throws Exception {
    Cache<String, String> cache = Caffeine.newBuilder().maximumSize(1_000).build();
    Scenario.report("ready", ProcessHandle.current().pid());
    for (String command; (command = Scenario.awaitCommand()) != null; ) {
      switch (command) {
        case "fill" -> {
          cache.put("category:1", "Books");
          cache.put("category:2", "Music");
          cache.put("post:1", "Hello");
          Scenario.report("filled", new TreeSet<>(cache.asMap().keySet()));
        }
        case "rebuild" -> {
          cache = Caffeine.newBuilder().maximumSize(1_000).build();
          cache.put("category:1", "Books");
          cache.put("post:1", "Hello");
          Scenario.report("rebuilt", new TreeSet<>(cache.asMap().keySet()));
        }
        case "probe" -> Scenario.report("keys", new TreeSet<>(cache.asMap().keySet()));
        case "exit" -> {
          return;
        }
        default -> Scenario.report("unknown", command);
      }
    }
  }
}
