package dev.cacheinvalidation.agent.jmx;

import dev.cacheinvalidation.agent.pipeline.StrategyStatistics;
import javax.management.openmbean.CompositeData;

/**
 * One strategy's delivery figures as JMX sees them (a {@code CompositeData} item of the {@code StrategyMetrics}
 * attribute, keyed by strategy name). Immutable.
 */
public final class StrategyMetrics {
  private final long invalidations;
  private final long keysRemoved;
  private final long failures;
  private final long retries;
  private final long pending;
  private final long replayed;
  private final double latencyP50Millis;
  private final double latencyP99Millis;

  public StrategyMetrics(long invalidations, long keysRemoved, long failures, long retries, long pending,
      long replayed, double latencyP50Millis, double latencyP99Millis) {
    this.invalidations = invalidations;
    this.keysRemoved = keysRemoved;
    this.failures = failures;
    this.retries = retries;
    this.pending = pending;
    this.replayed = replayed;
    this.latencyP50Millis = latencyP50Millis;
    this.latencyP99Millis = latencyP99Millis;
  }

  static StrategyMetrics of(StrategyStatistics statistics, long pending) {
    return new StrategyMetrics(statistics.invalidations(), statistics.keysRemoved(), statistics.failures(),
        statistics.retries(), pending, statistics.replayed(), statistics.latencyP50Millis(),
        statistics.latencyP99Millis());
  }

  /** Rebuilds the value a JMX client received (used by MXBean proxies). */
  public static StrategyMetrics from(CompositeData data) {
    return new StrategyMetrics((Long) data.get("invalidations"), (Long) data.get("keysRemoved"),
        (Long) data.get("failures"), (Long) data.get("retries"), (Long) data.get("pending"),
        (Long) data.get("replayed"), (Double) data.get("latencyP50Millis"), (Double) data.get("latencyP99Millis"));
  }

  /** Invalidations applied (a coalesced retry counts once). */
  public long getInvalidations() {
    return invalidations;
  }

  /** Entries or keys removed, as far as the strategy can tell. */
  public long getKeysRemoved() {
    return keysRemoved;
  }

  /** Failed delivery attempts. */
  public long getFailures() {
    return failures;
  }

  /** Retry attempts. */
  public long getRetries() {
    return retries;
  }

  /** Invalidations not yet applied: pending patterns, a retry and attempts under way. */
  public long getPending() {
    return pending;
  }

  /** Invalidations replayed from the durable journal of an earlier process. */
  public long getReplayed() {
    return replayed;
  }

  /** Median milliseconds from commit to invalidation applied. */
  public double getLatencyP50Millis() {
    return latencyP50Millis;
  }

  /** 99th percentile milliseconds from commit to invalidation applied. */
  public double getLatencyP99Millis() {
    return latencyP99Millis;
  }

  @Override
  public String toString() {
    return "invalidations=" + invalidations + " keysRemoved=" + keysRemoved + " failures=" + failures + " retries="
        + retries + " pending=" + pending + " replayed=" + replayed + " p50=" + latencyP50Millis + "ms p99="
        + latencyP99Millis + "ms";
  }
}
