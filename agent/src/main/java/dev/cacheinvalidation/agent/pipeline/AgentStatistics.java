package dev.cacheinvalidation.agent.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's counters, as read over JMX. Writers only ever increment; {@link #reset} zeroes everything.
 * Thread-safe and cheap to update (striped counters).
 */
public final class AgentStatistics {
  private final LongAdder writesDetected = new LongAdder();
  private final LongAdder writesDeduplicated = new LongAdder();
  private final LongAdder invalidationsIssued = new LongAdder();
  private final LongAdder invalidationFailures = new LongAdder();
  private final Map<String, LongAdder> writesBySource = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> invalidationsByStrategy = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failuresByStrategy = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> keysRemovedByStrategy = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> retriesByStrategy = new ConcurrentHashMap<>();
  private final AtomicReference<String> lastError = new AtomicReference<>("");

  void writeDetected(Source source) {
    writesDetected.increment();
    writesBySource.computeIfAbsent(source.key(), k -> new LongAdder()).increment();
  }

  void writeDeduplicated() {
    writesDeduplicated.increment();
  }

  public void invalidationIssued(String strategy, long keysRemoved) {
    invalidationsIssued.increment();
    invalidationsByStrategy.computeIfAbsent(strategy, k -> new LongAdder()).increment();
    if (keysRemoved > 0) {
      keysRemovedByStrategy.computeIfAbsent(strategy, k -> new LongAdder()).add(keysRemoved);
    }
  }

  public void invalidationFailed(String strategy, String error) {
    invalidationFailures.increment();
    failuresByStrategy.computeIfAbsent(strategy, k -> new LongAdder()).increment();
    lastError.set(error);
  }

  public void retried(String strategy) {
    retriesByStrategy.computeIfAbsent(strategy, k -> new LongAdder()).increment();
  }

  public long writesDetected() {
    return writesDetected.sum();
  }

  public long writesDeduplicated() {
    return writesDeduplicated.sum();
  }

  public long invalidationsIssued() {
    return invalidationsIssued.sum();
  }

  public long invalidationFailures() {
    return invalidationFailures.sum();
  }

  public String lastError() {
    return lastError.get();
  }

  public Map<String, Long> writesBySource() {
    return snapshot(writesBySource);
  }

  public Map<String, Long> invalidationsByStrategy() {
    return snapshot(invalidationsByStrategy);
  }

  public Map<String, Long> failuresByStrategy() {
    return snapshot(failuresByStrategy);
  }

  public Map<String, Long> keysRemovedByStrategy() {
    return snapshot(keysRemovedByStrategy);
  }

  public Map<String, Long> retriesByStrategy() {
    return snapshot(retriesByStrategy);
  }

  public void reset() {
    writesDetected.reset();
    writesDeduplicated.reset();
    invalidationsIssued.reset();
    invalidationFailures.reset();
    writesBySource.clear();
    invalidationsByStrategy.clear();
    failuresByStrategy.clear();
    keysRemovedByStrategy.clear();
    retriesByStrategy.clear();
    lastError.set("");
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((key, value) -> out.put(key, value.sum()));
    return out;
  }
}
