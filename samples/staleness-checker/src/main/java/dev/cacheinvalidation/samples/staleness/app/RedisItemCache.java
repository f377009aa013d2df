package dev.cacheinvalidation.samples.staleness.app;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A Redis cache shared by every application instance: plain {@code GET}/{@code SET} of {@code item:<id>}.
 * A command that fails (Redis restarted or paused) counts as a miss or a skipped put, as an application's
 * cache-aside code would treat it. Thread-safe (one lettuce connection, which is thread-safe).
 */
final class RedisItemCache implements ItemCache {
  private static final int HARNESS_ATTEMPTS = 60;

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;

  RedisItemCache(String uri) {
    RedisURI address = RedisURI.create(uri);
    address.setTimeout(Duration.ofMillis(500));
    client = RedisClient.create(address);
    // Start-up on a loaded machine can take longer than one 500 ms attempt: the harness must not fail on it.
    connection = patiently(client::connect);
    commands = connection.sync();
  }

  /** Retries a harness operation (the comparison, the reset): unlike the workload's, it must not be skipped. */
  private <T> T patiently(Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (RuntimeException slow) {
        if (attempt == HARNESS_ATTEMPTS) {
          throw slow;
        }
      }
    }
  }

  @Override
  public String get(String key) {
    try {
      return commands.get(key);
    } catch (RuntimeException unavailable) {
      return null;
    }
  }

  @Override
  public void put(String key, String value) {
    try {
      commands.set(key, value);
    } catch (RuntimeException unavailable) {
      // A failed put leaves the cache without the entry: never stale.
    }
  }

  @Override
  public void evict(String key) {
    try {
      commands.del(key);
    } catch (RuntimeException unavailable) {
      // The baseline's eviction is best-effort, like the design it models.
    }
  }

  /** A read for the harness (not the workload): retried, never a miss because Redis was slow. */
  String readPatiently(String key) {
    return patiently(() -> commands.get(key));
  }

  @Override
  public Map<String, String> entries() {
    return patiently(this::scanEntries);
  }

  private Map<String, String> scanEntries() {
    Map<String, String> out = new TreeMap<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches("item:*").limit(1000));
      for (String key : page.getKeys()) {
        String value = commands.get(key);
        if (value != null) {
          out.put(key, value);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    return out;
  }

  @Override
  public void clear() {
    // Only item:<id> entries (and versioned ones); the version key is the agent's and stays.
    for (String key : entries().keySet()) {
      if (!key.equals(VersionedRedisItemCache.VERSION_KEY)) {
        patiently(() -> commands.del(key));
      }
    }
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
