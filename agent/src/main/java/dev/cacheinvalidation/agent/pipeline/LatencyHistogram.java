package dev.cacheinvalidation.agent.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size, log-linear histogram of durations (microsecond resolution, about 12 % relative precision,
 * up to days) for p50/p99 figures without keeping samples.
 *
 * <p>{@link #record} is one array increment: no allocation and no lock on the hot path. Reads are a snapshot of
 * racy counters, good enough for monitoring. Thread-safe.
 */
public final class LatencyHistogram {
  /** Values below this many microseconds get a bucket each. */
  private static final int LINEAR = 16;
  /** Sub-buckets per power of two above {@link #LINEAR}: 3 bits of mantissa. */
  private static final int SUB_BITS = 3;
  private static final int SUB = 1 << SUB_BITS;
  private static final int MAX_EXPONENT = 42;
  private static final int BUCKETS = LINEAR + (MAX_EXPONENT - 4 + 1) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  /** Records one duration in nanoseconds; negative values count as zero. */
  public void recordNanos(long nanos) {
    counts.incrementAndGet(bucketOf(Math.max(0, nanos) / 1_000));
  }

  /** The number of recorded durations. */
  public long count() {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /**
   * The duration at quantile {@code q} (0 &lt; q &le; 1) in milliseconds, as the middle of its bucket; 0 when
   * nothing was recorded.
   */
  public double quantileMillis(double q) {
    long[] snapshot = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return (lowerBound(i) + width(i) / 2.0) / 1_000.0;
      }
    }
    return (lowerBound(BUCKETS - 1) + width(BUCKETS - 1) / 2.0) / 1_000.0;
  }

  public void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      counts.set(i, 0);
    }
  }

  static int bucketOf(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros);
    if (exponent > MAX_EXPONENT) {
      return BUCKETS - 1;
    }
    int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB - 1);
    return LINEAR + (exponent - 4) * SUB + sub;
  }

  static long lowerBound(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int exponent = (bucket - LINEAR) / SUB + 4;
    int sub = (bucket - LINEAR) % SUB;
    return (long) (SUB + sub) << (exponent - SUB_BITS);
  }

  static long width(int bucket) {
    if (bucket < LINEAR) {
      return 1;
    }
    int exponent = (bucket - LINEAR) / SUB + 4;
    return 1L << (exponent - SUB_BITS);
  }
}
