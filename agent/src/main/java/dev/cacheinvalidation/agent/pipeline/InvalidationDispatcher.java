package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands invalidations to the active strategies and makes sure each one is eventually applied.
 *
 * <p>Local strategies run on the calling (committing) thread. Remote ones run on the worker pool; the caller
 * waits for them at most {@code await-ms} and then returns while they complete. The committing thread is never
 * blocked longer and never sees an exception: a full worker queue, a failing or a slow strategy all end in the
 * strategy's pending set ({@link StrategyDelivery}), retried with backoff, and, with a durable directory, in
 * its journal before the commit returns. A strategy known to be failing is not attempted on the committing
 * thread at all, nor is one whose last attempt is still running past {@code await-ms}: after the first slow
 * commit, an outage costs the application nothing. Thread-safe.
 */
public final class InvalidationDispatcher {
  private final AgentStatistics statistics;
  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<InvalidationStrategy, StrategyDelivery> deliveries = new ConcurrentHashMap<>();
  private volatile Path durableDirectory;
  private volatile ResolvedStrategies resolved;

  public InvalidationDispatcher(AgentStatistics statistics, ExecutorService workers,
      ScheduledExecutorService retries) {
    this.statistics = statistics;
    this.workers = workers;
    this.retries = retries;
  }

  /**
   * Journals undelivered invalidations of remote strategies in {@code directory} from now on ({@code null}:
   * no journal). Affects strategies first seen after this call; call it before {@link #prepare}.
   */
  public void useDurableDirectory(Path directory) {
    this.durableDirectory = directory;
  }

  /**
   * Gets strategies ready before their first invalidation: opens their journals and replays what dead
   * processes left in the durable directory.
   */
  public void prepare(List<InvalidationStrategy> strategies) {
    strategies.forEach(this::delivery);
  }

  /** A fresh sequence number for an invalidation. */
  public long nextId() {
    return sequence.incrementAndGet();
  }

  /** Undelivered invalidations over all strategies: pending patterns, retries and attempts under way. */
  public long pending() {
    long pending = 0;
    for (StrategyDelivery delivery : deliveries.values()) {
      pending += delivery.pending();
    }
    return pending;
  }

  /** Undelivered invalidations per strategy name. */
  public Map<String, Long> pendingByStrategy() {
    Map<String, Long> out = new TreeMap<>();
    deliveries.values().forEach(delivery -> out.merge(delivery.name(), delivery.pending(), Long::sum));
    return out;
  }

  /**
   * Applies an invalidation with every strategy: local ones now, remote ones in the background, waiting for
   * the latter at most {@code awaitMillis}. Never throws.
   */
  public void dispatch(Invalidation invalidation, List<InvalidationStrategy> strategies, long awaitMillis) {
    List<StrategyDelivery.InFlight> remote = null;
    StrategyDelivery[] deliveries = deliveriesFor(strategies);
    for (int i = 0; i < deliveries.length; i++) {
      InvalidationStrategy strategy = strategies.get(i);
      StrategyDelivery delivery = deliveries[i];
      if (strategy.isLocal()) {
        delivery.applyNow(invalidation);
      } else if (delivery.isFailing()) {
        delivery.defer(invalidation);
      } else {
        StrategyDelivery.InFlight attempt = delivery.submit(invalidation, workers);
        if (attempt != null) {
          if (remote == null) {
            remote = new ArrayList<>(2);
          }
          remote.add(attempt);
        }
      }
    }
    if (remote != null) {
      awaitQuietly(remote, awaitMillis);
      for (StrategyDelivery.InFlight attempt : remote) {
        attempt.delivery.stopWaiting(attempt, awaitMillis > 0);
      }
    }
  }

  private static void awaitQuietly(List<StrategyDelivery.InFlight> attempts, long awaitMillis) {
    if (awaitMillis <= 0) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(awaitMillis);
    try {
      for (StrategyDelivery.InFlight attempt : attempts) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        attempt.future.get(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | ExecutionException | RuntimeException stillRunning) {
      // The work goes on in the background; failures are already kept for retry.
    }
  }

  /** Closes journals: deleted when everything was delivered, kept for the next process otherwise. */
  public void close() {
    deliveries.values().forEach(StrategyDelivery::close);
  }

  /**
   * The deliveries of a list of strategies, by position. The settings hold one list until they change, so the
   * last list's deliveries are kept and a commit costs one identity check instead of a map lookup per strategy.
   */
  private StrategyDelivery[] deliveriesFor(List<InvalidationStrategy> strategies) {
    return resolve(strategies).deliveries;
  }

  /**
   * Whether every one of these strategies is local: then nothing but the sampled latency needs an
   * invalidation's commit time (a remote strategy needs it for latency, retry age and the journal).
   */
  public boolean allLocal(List<InvalidationStrategy> strategies) {
    return resolve(strategies).allLocal;
  }

  private ResolvedStrategies resolve(List<InvalidationStrategy> strategies) {
    ResolvedStrategies last = resolved;
    if (last != null && last.strategies == strategies) {
      return last;
    }
    StrategyDelivery[] deliveries = new StrategyDelivery[strategies.size()];
    boolean allLocal = true;
    for (int i = 0; i < deliveries.length; i++) {
      deliveries[i] = delivery(strategies.get(i));
      allLocal &= strategies.get(i).isLocal();
    }
    ResolvedStrategies fresh = new ResolvedStrategies(strategies, deliveries, allLocal);
    resolved = fresh;
    return fresh;
  }

  private record ResolvedStrategies(List<InvalidationStrategy> strategies, StrategyDelivery[] deliveries,
      boolean allLocal) {}

  private StrategyDelivery delivery(InvalidationStrategy strategy) {
    StrategyDelivery existing = deliveries.get(strategy);
    if (existing != null) {
      return existing;
    }
    synchronized (deliveries) {
      return deliveries.computeIfAbsent(strategy, this::newDelivery);
    }
  }

  private StrategyDelivery newDelivery(InvalidationStrategy strategy) {
    StrategyDelivery delivery = new StrategyDelivery(strategy, statistics, retries, this::nextId);
    Path directory = durableDirectory;
    if (directory != null && !strategy.isLocal()) {
      delivery.openJournal(directory);
    }
    return delivery;
  }
}
