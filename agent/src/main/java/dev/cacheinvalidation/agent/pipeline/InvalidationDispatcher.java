package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Hands invalidations to the active strategies and makes sure each one is eventually applied.
 *
 * <p>Local strategies run on the calling (committing) thread. Remote ones run on the worker pool; the caller
 * waits for them at most {@code await-ms} and then returns while they complete. A strategy that throws has
 * its patterns kept in a bounded, coalescing queue and retried with exponential backoff; failures are counted
 * and logged once per burst. Thread-safe.
 */
public final class InvalidationDispatcher {
  private static final Logger log = AgentLog.get(InvalidationDispatcher.class);
  private static final int PENDING_CAPACITY = 10_000;
  private static final long FIRST_RETRY_MILLIS = 50;
  private static final long MAX_RETRY_MILLIS = 5_000;

  private final AgentStatistics statistics;
  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<InvalidationStrategy, RetryState> retryStates = new ConcurrentHashMap<>();

  public InvalidationDispatcher(AgentStatistics statistics, ExecutorService workers,
      ScheduledExecutorService retries) {
    this.statistics = statistics;
    this.workers = workers;
    this.retries = retries;
  }

  /** A fresh sequence number for an invalidation. */
  public long nextId() {
    return sequence.incrementAndGet();
  }

  /** Patterns waiting for a retry plus invalidations still being applied. */
  public long pending() {
    long pending = inFlight.get();
    for (RetryState state : retryStates.values()) {
      pending += state.pending.size();
    }
    return pending;
  }

  /**
   * Applies an invalidation with every strategy: local ones now, remote ones in the background, waiting for
   * the latter at most {@code awaitMillis}. Never throws.
   */
  public void dispatch(Invalidation invalidation, List<InvalidationStrategy> strategies, long awaitMillis) {
    List<CompletableFuture<Void>> remote = null;
    for (InvalidationStrategy strategy : strategies) {
      if (strategy.isLocal()) {
        applyOrQueue(strategy, invalidation);
      } else {
        if (remote == null) {
          remote = new ArrayList<>(2);
        }
        inFlight.incrementAndGet();
        try {
          remote.add(CompletableFuture.runAsync(() -> {
            try {
              applyOrQueue(strategy, invalidation);
            } finally {
              inFlight.decrementAndGet();
            }
          }, workers));
        } catch (RuntimeException rejected) {
          inFlight.decrementAndGet();
          queue(strategy, invalidation, rejected);
        }
      }
    }
    if (remote != null && awaitMillis > 0) {
      awaitQuietly(remote, awaitMillis);
    }
  }

  private static void awaitQuietly(List<CompletableFuture<Void>> futures, long awaitMillis) {
    try {
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(awaitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception timeoutOrFailure) {
      // The work goes on in the background; failures are already queued for retry.
    }
  }

  private void applyOrQueue(InvalidationStrategy strategy, Invalidation invalidation) {
    try {
      long removed = strategy.apply(invalidation);
      statistics.invalidationIssued(strategy.name(), removed);
      RetryState state = retryStates.get(strategy);
      if (state != null) {
        state.succeeded(strategy);
      }
    } catch (Throwable t) {
      queue(strategy, invalidation, t);
    }
  }

  private void queue(InvalidationStrategy strategy, Invalidation invalidation, Throwable cause) {
    String error = strategy.name() + ": " + cause;
    statistics.invalidationFailed(strategy.name(), error);
    RetryState state = retryStates.computeIfAbsent(strategy, s -> new RetryState());
    state.failed(strategy, invalidation, cause);
  }

  /** Retry bookkeeping for one strategy instance. */
  private final class RetryState {
    final PendingPatterns pending = new PendingPatterns(PENDING_CAPACITY);
    private long backoffMillis = FIRST_RETRY_MILLIS;
    private boolean scheduled;
    private boolean inBurst;
    private long failuresInBurst;

    void failed(InvalidationStrategy strategy, Invalidation invalidation, Throwable cause) {
      boolean widened = pending.add(invalidation.names(), invalidation.patterns());
      boolean first;
      synchronized (this) {
        first = !inBurst;
        inBurst = true;
        failuresInBurst++;
      }
      if (first) {
        log.warn("strategy {} failed to apply invalidation #{} ({}); it will be retried: {}", strategy.name(),
            invalidation.id(), invalidation.origin(), cause.toString());
      }
      if (widened) {
        log.warn("strategy {}: more than {} patterns pending; they were replaced by '*' so nothing is lost",
            strategy.name(), PENDING_CAPACITY);
      }
      schedule(strategy);
    }

    void succeeded(InvalidationStrategy strategy) {
      long failures;
      synchronized (this) {
        if (!inBurst || pending.size() > 0) {
          return;
        }
        inBurst = false;
        failures = failuresInBurst;
        failuresInBurst = 0;
        backoffMillis = FIRST_RETRY_MILLIS;
      }
      log.info("strategy {} recovered after {} failed attempt(s)", strategy.name(), failures);
    }

    private void schedule(InvalidationStrategy strategy) {
      long delay;
      synchronized (this) {
        if (scheduled) {
          return;
        }
        scheduled = true;
        delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, MAX_RETRY_MILLIS);
      }
      try {
        retries.schedule(() -> retry(strategy), delay, TimeUnit.MILLISECONDS);
      } catch (RuntimeException shutDown) {
        synchronized (this) {
          scheduled = false;
        }
      }
    }

    private void retry(InvalidationStrategy strategy) {
      synchronized (this) {
        scheduled = false;
      }
      Invalidation retry = pending.takeAll(nextId());
      if (retry == null) {
        return;
      }
      statistics.retried(strategy.name());
      applyOrQueue(strategy, retry);
    }
  }
}
