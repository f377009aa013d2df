package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void quantilesAreWithinTheBucketPrecision() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int millis = 1; millis <= 1_000; millis++) {
      histogram.recordNanos(millis * 1_000_000L);
    }
    assertEquals(1_000, histogram.count());
    assertEquals(500, histogram.quantileMillis(0.50), 500 * 0.13);
    assertEquals(990, histogram.quantileMillis(0.99), 990 * 0.13);
  }

  @Test
  void emptySmallHugeAndNegativeValues() {
    LatencyHistogram histogram = new LatencyHistogram();
    assertEquals(0, histogram.quantileMillis(0.99));
    histogram.recordNanos(-5);
    histogram.recordNanos(3_000);
    histogram.recordNanos(Long.MAX_VALUE);
    assertEquals(3, histogram.count());
    assertTrue(histogram.quantileMillis(0.5) < 0.01);
    assertTrue(histogram.quantileMillis(1.0) > 1e9);
    histogram.reset();
    assertEquals(0, histogram.count());
  }

  @Test
  void bucketsAreContiguous() {
    for (int bucket = 1; bucket < 300; bucket++) {
      assertEquals(LatencyHistogram.lowerBound(bucket - 1) + LatencyHistogram.width(bucket - 1),
          LatencyHistogram.lowerBound(bucket), "bucket " + bucket);
      assertEquals(bucket, LatencyHistogram.bucketOf(LatencyHistogram.lowerBound(bucket)));
    }
  }
}
