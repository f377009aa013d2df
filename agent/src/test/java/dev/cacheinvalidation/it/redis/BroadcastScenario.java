package dev.cacheinvalidation.it.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.it.harness.Scenario;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Forked-JVM scenario (application code only) for the Caffeine broadcast: one Caffeine cache and an H2 table
 * {@code post}, steered over standard input. Every command is answered with {@code step<N>=...}:
 * <ul>
 *   <li>{@code put <key>}: caches the key
 *   <li>{@code watch <key>}: caches the key and starts a thread that notes when it disappears
 *   <li>{@code gone}: waits (at most 5 s) for the watched key to disappear; answers {@code <nanoTime>} of
 *       the removal or {@code -1}
 *   <li>{@code update}: one autocommit UPDATE of {@code post}; answers the {@code nanoTime} just before it
 *   <li>{@code probe}: answers the cached keys
 *   <li>{@code exit}
 * </ul>
 * Times are {@link System#nanoTime()}, which on Linux is one clock (CLOCK_MONOTONIC) for every process of the
 * machine, so the test can subtract times of two JVMs.
 */
public final class BroadcastScenario {
  private static volatile long removedAt;
  private static Thread watcher;

  private BroadcastScenario() {}

  public static void main(String[] args) throws Exception {
    Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10_000).build();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:broadcast;DB_CLOSE_DELAY=-1")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE post (id INT PRIMARY KEY, name VARCHAR(100))");
        statement.execute("INSERT INTO post VALUES (1, 'first')");
      }
      Scenario.report("ready", ProcessHandle.current().pid());
      int step = 0;
      for (String command; (command = Scenario.awaitCommand()) != null; ) {
        step++;
        String[] words = command.split(" ");
        String answer = switch (words[0]) {
          case "put" -> {
            cache.put(words[1], "v");
            yield "put";
          }
          case "watch" -> {
            watch(cache, words[1]);
            yield "watching";
          }
          case "gone" -> {
            watcher.join(5_000);
            yield String.valueOf(removedAt);
          }
          case "update" -> {
            long before = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
              statement.executeUpdate("UPDATE post SET name = 'v" + before + "' WHERE id = 1");
            }
            yield String.valueOf(before);
          }
          case "probe" -> new TreeSet<>(cache.asMap().keySet()).toString();
          case "exit" -> null;
          default -> "unknown " + command;
        };
        if (answer == null) {
          return;
        }
        Scenario.report("step" + step, answer);
      }
    }
  }

  private static void watch(Cache<String, String> cache, String key) {
    cache.put(key, "v");
    removedAt = -1;
    watcher = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        if (cache.getIfPresent(key) == null) {
          removedAt = System.nanoTime();
          return;
        }
        LockSupport.parkNanos(50_000);
      }
    }, "watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
