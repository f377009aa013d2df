package dev.cacheinvalidation.agent.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * The agent's counters, as read over JMX: totals, and per strategy a {@link StrategyStatistics}. Writers only
 * ever increment; {@link #reset} zeroes everything. Thread-safe and cheap to update (striped counters, no
 * allocation once a strategy has been seen).
 */
public final class AgentStatistics {
  private final LongAdder writesDeduplicated = new LongAdder();
  private final LongAdder invalidationFailures = new LongAdder();
  /** Indexed by {@link Source#ordinal()}: no map lookup per write. */
  private final LongAdder[] writesBySource = newAdders(Source.values().length);
  private final Map<String, StrategyStatistics> byStrategy = new ConcurrentHashMap<>();
  private final AtomicReference<String> lastError = new AtomicReference<>("");

  void writeDetected(Source source) {
    writesBySource[source.ordinal()].increment(); // the total is their sum: one counter per write, not two
  }

  void writeDeduplicated() {
    writesDeduplicated.increment();
  }

  /**
   * A strategy applied an invalidation: {@code keysRemoved} (-1 when unknown), {@code latencyNanos} since
   * commit (negative when not measured). The caller holds its strategy's statistics ({@link #strategy(String)}),
   * sparing a lookup by name on every commit.
   */
  void invalidationIssued(StrategyStatistics strategy, long keysRemoved, long latencyNanos) {
    strategy.applied(keysRemoved, latencyNanos); // the total is the strategies' sum
  }

  public void invalidationFailed(String strategy, String error) {
    invalidationFailures.increment();
    strategy(strategy).failed();
    lastError.set(error);
  }

  public void retried(String strategy) {
    strategy(strategy).retried();
  }

  /** Invalidations read back from the durable journal of an earlier process. */
  public void replayed(String strategy, long count) {
    strategy(strategy).replayed(count);
  }

  /** The statistics of one strategy, created on first use. */
  public StrategyStatistics strategy(String strategy) {
    return byStrategy.computeIfAbsent(strategy, k -> new StrategyStatistics());
  }

  /** Every strategy seen so far, by name. */
  public Map<String, StrategyStatistics> strategies() {
    return new TreeMap<>(byStrategy);
  }

  public long writesDetected() {
    long total = 0;
    for (LongAdder bySource : writesBySource) {
      total += bySource.sum();
    }
    return total;
  }

  public long writesDeduplicated() {
    return writesDeduplicated.sum();
  }

  public long invalidationsIssued() {
    long total = 0;
    for (StrategyStatistics strategy : byStrategy.values()) {
      total += strategy.invalidations();
    }
    return total;
  }

  public long invalidationFailures() {
    return invalidationFailures.sum();
  }

  public String lastError() {
    return lastError.get();
  }

  public Map<String, Long> writesBySource() {
    Map<String, Long> out = new TreeMap<>();
    for (Source source : Source.values()) {
      long writes = writesBySource[source.ordinal()].sum();
      if (writes != 0) {
        out.put(source.key(), writes);
      }
    }
    return out;
  }

  public Map<String, Long> invalidationsByStrategy() {
    return perStrategy(StrategyStatistics::invalidations);
  }

  public Map<String, Long> failuresByStrategy() {
    return perStrategy(StrategyStatistics::failures);
  }

  public Map<String, Long> keysRemovedByStrategy() {
    return perStrategy(StrategyStatistics::keysRemoved);
  }

  public Map<String, Long> retriesByStrategy() {
    return perStrategy(StrategyStatistics::retries);
  }

  public void reset() {
    writesDeduplicated.reset();
    invalidationFailures.reset();
    for (LongAdder adder : writesBySource) {
      adder.reset();
    }
    byStrategy.values().forEach(StrategyStatistics::reset);
    lastError.set("");
  }

  /** A counter per strategy, leaving out strategies whose counter is zero (as the maps always have). */
  private Map<String, Long> perStrategy(ToLongFunction<StrategyStatistics> counter) {
    Map<String, Long> out = new TreeMap<>();
    byStrategy.forEach((name, statistics) -> {
      long value = counter.applyAsLong(statistics);
      if (value != 0) {
        out.put(name, value);
      }
    });
    return out;
  }

  private static LongAdder[] newAdders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
