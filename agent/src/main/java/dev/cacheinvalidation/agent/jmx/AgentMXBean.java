package dev.cacheinvalidation.agent.jmx;

import java.util.Map;

/**
 * The agent's management interface, registered as {@code dev.cacheinvalidation:type=Agent}. Open types only,
 * so any JMX client (jconsole, jmxterm, the agent's own CLI) can read it.
 *
 * <p>Setting {@code Strategy} or {@code Sources} applies from the next unit of work; an invalid value is
 * rejected with an {@link IllegalArgumentException} naming what is accepted, and changes nothing.
 */
public interface AgentMXBean {
  String OBJECT_NAME = "dev.cacheinvalidation:type=Agent";

  String getVersion();

  boolean isEnabled();

  void setEnabled(boolean enabled);

  /**
   * The active strategies, as a comma list ({@code caffeine}, {@code redis-pattern}, {@code versioning},
   * {@code log}).
   */
  String getStrategy();

  void setStrategy(String strategy);

  /** The active sources, as a comma list ({@code jpa}, {@code jdbc}, {@code graphql}). */
  String getSources();

  void setSources(String sources);

  /** Where the configuration came from. */
  String getConfigurationOrigin();

  long getWritesDetected();

  long getWritesDeduplicated();

  long getInvalidationsIssued();

  long getInvalidationFailures();

  long getPendingInvalidations();

  /** The last delivery error, or an empty string; never holds credentials. */
  String getLastError();

  /** The number of application caches the Caffeine instrumentation has discovered and that are still alive. */
  long getCaffeineCaches();

  Map<String, Long> getWritesBySource();

  Map<String, Long> getInvalidationsByStrategy();

  Map<String, Long> getFailuresByStrategy();

  Map<String, Long> getKeysRemovedByStrategy();

  Map<String, Long> getRetriesByStrategy();

  /** Invalidations not yet applied, per strategy (pending patterns, a retry, attempts under way). */
  Map<String, Long> getPendingByStrategy();

  /** Invalidations replayed from the durable journal of an earlier process, per strategy. */
  Map<String, Long> getReplayedByStrategy();

  /**
   * Per strategy: invalidations, keys removed, failures, retries, pending, replayed, and the p50/p99
   * milliseconds from commit to invalidation applied.
   */
  Map<String, StrategyMetrics> getStrategyMetrics();

  /**
   * The {@code versioning} strategy's current version of each known name (configured rules and names it has
   * versioned), read from Redis with one {@code MGET}; empty when that strategy has never been active.
   */
  Map<String, Long> getVersions();

  /** Invalidates a name through its rule, as if it had been written and committed. */
  void invalidate(String name);

  /** Invalidates one cache-key glob pattern. */
  void invalidatePattern(String pattern);

  /** Invalidates everything ({@code *}) with every active strategy. */
  void invalidateAll();

  void resetStatistics();

  /**
   * Reads the configuration sources again and applies them from the next unit of work. A strategy already
   * created keeps the settings it was built with (Redis connection, versioning key, broadcast channel) until
   * the JVM restarts; the agent logs a warning naming each such key whose value changed.
   */
  void reloadConfiguration();
}
