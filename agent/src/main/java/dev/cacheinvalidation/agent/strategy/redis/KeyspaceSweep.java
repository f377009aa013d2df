package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.logging.AgentLog;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * Walks one server's keyspace once with {@code SCAN cursor [MATCH m] COUNT n} and unlinks what a
 * {@link PatternPlan.Pass} wants, pipelined: each round trip carries the next {@code SCAN} together with the
 * {@code UNLINK}s of the page before (auto-flush off, one flush per batch), so a delete costs about as many
 * round trips as a plain scan of the same keyspace. Every command touches at most one page of keys, so Redis
 * is never blocked for long (no {@code KEYS}, no server-side loops).
 *
 * <p>On a cluster node, keys of one page are unlinked with one {@code UNLINK} per hash slot: a multi-key command
 * across slots is refused by Redis.
 *
 * <p>A long sweep logs its progress at info level every {@link #PROGRESS_EVERY}. Not thread-safe: one sweep,
 * one thread, one borrowed connection.
 */
final class KeyspaceSweep {
  private static final Logger log = AgentLog.get(KeyspaceSweep.class);
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final StatefulRedisConnection<String, String> connection;
  private final ScanNode node;
  private final PatternPlan.Pass pass;
  private final int scanCount;
  private final boolean cluster;
  private final long timeoutMillis;
  private long scanned;
  private long removed;

  KeyspaceSweep(StatefulRedisConnection<String, String> connection, ScanNode node, PatternPlan.Pass pass,
      int scanCount, boolean cluster, Duration timeout) {
    this.connection = connection;
    this.node = node;
    this.pass = pass;
    this.scanCount = scanCount;
    this.cluster = cluster;
    this.timeoutMillis = timeout.toMillis();
  }

  /**
   * Runs the sweep to the end.
   *
   * @return the number of keys removed
   * @throws Exception when a command fails or times out; keys unlinked so far stay unlinked
   */
  long run() throws Exception {
    RedisAsyncCommands<String, String> commands = connection.async();
    ScanArgs args = ScanArgs.Builder.limit(scanCount);
    if (pass.match() != null) {
      args.match(pass.match());
    }
    long started = System.nanoTime();
    long nextProgress = started + PROGRESS_EVERY.toNanos();
    RedisFuture<KeyScanCursor<String>> page = commands.scan(ScanCursor.INITIAL, args);
    connection.flushCommands();
    List<RedisFuture<Long>> unlinking = List.of();
    while (true) {
      KeyScanCursor<String> keys = await(page);
      scanned += keys.getKeys().size();
      page = keys.isFinished() ? null : commands.scan(keys, args);
      List<RedisFuture<Long>> next = unlink(commands, keys.getKeys());
      connection.flushCommands();
      collect(unlinking);
      unlinking = next;
      if (page == null) {
        break;
      }
      long now = System.nanoTime();
      if (now >= nextProgress) {
        nextProgress = now + PROGRESS_EVERY.toNanos();
        log.info("redis-pattern: deleting {} on {}: {} keys scanned, {} removed, {} s elapsed",
            pass.description(), node.label(), scanned, removed, TimeUnit.NANOSECONDS.toSeconds(now - started));
      }
    }
    collect(unlinking);
    return removed;
  }

  long scanned() {
    return scanned;
  }

  private List<RedisFuture<Long>> unlink(RedisAsyncCommands<String, String> commands, List<String> keys) {
    List<String> wanted = new ArrayList<>();
    for (String key : keys) {
      if (pass.wants(key)) {
        wanted.add(key);
      }
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    if (!cluster) {
      return List.of(commands.unlink(wanted.toArray(new String[0])));
    }
    Map<Integer, List<String>> bySlot = new HashMap<>();
    for (String key : wanted) {
      bySlot.computeIfAbsent(SlotHash.getSlot(key), slot -> new ArrayList<>()).add(key);
    }
    List<RedisFuture<Long>> futures = new ArrayList<>(bySlot.size());
    for (List<String> slotKeys : bySlot.values()) {
      futures.add(commands.unlink(slotKeys.toArray(new String[0])));
    }
    return futures;
  }

  private void collect(List<RedisFuture<Long>> futures) throws Exception {
    for (RedisFuture<Long> future : futures) {
      Long count = await(future);
      removed += count == null ? 0 : count;
    }
  }

  private <T> T await(RedisFuture<T> future) throws Exception {
    try {
      return RedisReplies.await(future, timeoutMillis);
    } catch (TimeoutException e) {
      throw new TimeoutException("redis-pattern: no reply from " + node.label() + " within " + timeoutMillis
          + " ms while deleting " + pass.description());
    }
  }
}
