package dev.cacheinvalidation.agent.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * One strategy's delivery counters and its commit-to-applied latency. Updates are striped counters and one
 * histogram increment: no allocation, no lock. Thread-safe.
 */
public final class StrategyStatistics {
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder keysRemoved = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder replayed = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();

  void applied(long removed, long latencyNanos) {
    invalidations.increment();
    if (removed > 0) {
      keysRemoved.add(removed);
    }
    if (latencyNanos >= 0) {
      latency.recordNanos(latencyNanos);
    }
  }

  void failed() {
    failures.increment();
  }

  void retried() {
    retries.increment();
  }

  void replayed(long count) {
    replayed.add(count);
  }

  /** Invalidations this strategy applied (a coalesced retry counts once). */
  public long invalidations() {
    return invalidations.sum();
  }

  /** Cache entries or keys removed, as far as the strategy can tell. */
  public long keysRemoved() {
    return keysRemoved.sum();
  }

  /** Failed delivery attempts. */
  public long failures() {
    return failures.sum();
  }

  /** Retry attempts of pending invalidations. */
  public long retries() {
    return retries.sum();
  }

  /** Invalidations read back from the durable journal of an earlier process. */
  public long replayed() {
    return replayed.sum();
  }

  /** Median milliseconds from the end of the unit of work to the invalidation applied. */
  public double latencyP50Millis() {
    return latency.quantileMillis(0.50);
  }

  /** 99th percentile milliseconds from the end of the unit of work to the invalidation applied. */
  public double latencyP99Millis() {
    return latency.quantileMillis(0.99);
  }

  void reset() {
    invalidations.reset();
    keysRemoved.reset();
    failures.reset();
    retries.reset();
    replayed.reset();
    latency.reset();
  }
}
