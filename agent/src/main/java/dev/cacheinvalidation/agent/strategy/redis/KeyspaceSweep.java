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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Walks one server's keyspace once with {@code SCAN cursor [MATCH m] COUNT n} and unlinks what a
 * {@link PatternPlan.Pass} wants, pipelined: each write carries the next {@code SCAN} together with the
 * {@code UNLINK}s of the page just received (auto-flush off, one flush per batch), so a delete costs as many
 * round trips as a plain scan of the same keyspace. Every command touches at most one page of keys, so Redis
 * is never blocked for long (no {@code KEYS}, no server-side loops).
 *
 * <p>Why callbacks: each page is handled where its reply arrives (lettuce's I/O thread) and the next
 * {@code SCAN} leaves from there at once. Waking the calling thread for each of the ~1000 pages of a million
 * keys would add two thread hand-offs per round trip, which on a busy host costs more than the scan itself.
 * The calling thread only waits for the end, logging progress.
 *
 * <p>On a cluster node, keys of one page are unlinked with one {@code UNLINK} per hash slot: a multi-key
 * command across slots is refused by Redis.
 *
 * <p>A long sweep logs its progress at info level every {@link #PROGRESS_EVERY}. Single use: one sweep, one
 * borrowed connection; its state is shared safely between the caller and the I/O thread.
 */
final class KeyspaceSweep {
  private static final Logger log = AgentLog.get(KeyspaceSweep.class);
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final StatefulRedisConnection<String, String> connection;
  private final RedisAsyncCommands<String, String> commands;
  private final ScanNode node;
  private final PatternPlan.Pass pass;
  private final ScanArgs args;
  private final boolean cluster;
  private final long timeoutNanos;
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private final AtomicLong scanned = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final AtomicInteger unlinksInFlight = new AtomicInteger();
  private volatile boolean scanFinished;

  KeyspaceSweep(StatefulRedisConnection<String, String> connection, ScanNode node, PatternPlan.Pass pass,
      int scanCount, boolean cluster, Duration timeout) {
    this.connection = connection;
    this.commands = connection.async();
    this.node = node;
    this.pass = pass;
    this.cluster = cluster;
    this.timeoutNanos = timeout.toNanos();
    this.args = ScanArgs.Builder.limit(scanCount);
    if (pass.match() != null) {
      args.match(pass.match());
    }
  }

  /**
   * Runs the sweep to the end.
   *
   * @return the number of keys removed
   * @throws Exception when a command fails or Redis stops answering for longer than the command timeout;
   *     keys unlinked so far stay unlinked
   */
  long run() throws Exception {
    long started = System.nanoTime();
    long lastProgress = started;
    long lastScanned = -1;
    long lastChange = started;
    requestPage(ScanCursor.INITIAL);
    connection.flushCommands();
    while (true) {
      try {
        return done.get(Math.min(PROGRESS_EVERY.toNanos(), timeoutNanos), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      } catch (TimeoutException stillRunning) {
        long now = System.nanoTime();
        long seen = scanned.get();
        if (seen != lastScanned) {
          lastScanned = seen;
          lastChange = now;
        } else if (now - lastChange > 2 * timeoutNanos) {
          // Lettuce times each command out; this only guards against a reply that never completes a future.
          done.completeExceptionally(new TimeoutException("redis-pattern: " + node.label() + " stopped answering"
              + " while deleting " + pass.description()));
        }
        if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
          lastProgress = now;
          log.info("redis-pattern: deleting {} on {}: {} keys scanned, {} removed, {} s elapsed",
              pass.description(), node.label(), seen, removed.get(), TimeUnit.NANOSECONDS.toSeconds(now - started));
        }
      }
    }
  }

  private void requestPage(ScanCursor cursor) {
    commands.scan(cursor, args).whenComplete(this::onPage);
  }

  /** Runs on lettuce's I/O thread when a page arrives: asks for the next one and unlinks this one's matches. */
  private void onPage(KeyScanCursor<String> page, Throwable error) {
    if (done.isDone()) {
      return;
    }
    if (error != null) {
      done.completeExceptionally(error);
      return;
    }
    try {
      scanned.addAndGet(page.getKeys().size());
      // The next SCAN goes out ahead of this page's UNLINKs: Redis answers it first, so the UNLINKs run while
      // the reply travels and this thread handles it, instead of delaying every page by their execution.
      boolean lastPage = page.isFinished();
      if (!lastPage) {
        requestPage(page);
      }
      List<RedisFuture<Long>> unlinks = unlink(page.getKeys());
      unlinksInFlight.addAndGet(unlinks.size());
      if (lastPage) {
        scanFinished = true;
      }
      connection.flushCommands();
      unlinks.forEach(unlink -> unlink.whenComplete(this::onUnlinked));
      finishIfDone();
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  private void onUnlinked(Long count, Throwable error) {
    if (error != null) {
      done.completeExceptionally(error);
      return;
    }
    removed.addAndGet(count == null ? 0 : count);
    unlinksInFlight.decrementAndGet();
    finishIfDone();
  }

  private void finishIfDone() {
    if (scanFinished && unlinksInFlight.get() == 0) {
      done.complete(removed.get());
    }
  }

  private List<RedisFuture<Long>> unlink(List<String> keys) {
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
}
