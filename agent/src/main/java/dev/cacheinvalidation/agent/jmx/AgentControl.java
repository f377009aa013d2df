package dev.cacheinvalidation.agent.jmx;

import dev.cacheinvalidation.agent.AgentRuntime;
import dev.cacheinvalidation.agent.AgentVersion;
import dev.cacheinvalidation.agent.config.Secrets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@link AgentMXBean} over an {@link AgentRuntime}. Thread-safe. */
public final class AgentControl implements AgentMXBean {
  private final AgentRuntime runtime;

  public AgentControl(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public String getVersion() {
    return AgentVersion.VERSION;
  }

  @Override
  public boolean isEnabled() {
    return runtime.pipeline().settings().enabled();
  }

  @Override
  public void setEnabled(boolean enabled) {
    runtime.setEnabled(enabled);
  }

  @Override
  public String getStrategy() {
    return runtime.strategyText();
  }

  @Override
  public void setStrategy(String strategy) {
    runtime.setStrategy(strategy);
  }

  @Override
  public String getSources() {
    return runtime.sourcesText();
  }

  @Override
  public void setSources(String sources) {
    runtime.setSources(sources);
  }

  @Override
  public String getConfigurationOrigin() {
    return runtime.config().origin();
  }

  @Override
  public long getWritesDetected() {
    return runtime.statistics().writesDetected();
  }

  @Override
  public long getWritesDeduplicated() {
    return runtime.statistics().writesDeduplicated();
  }

  @Override
  public long getInvalidationsIssued() {
    return runtime.statistics().invalidationsIssued();
  }

  @Override
  public long getInvalidationFailures() {
    return runtime.statistics().invalidationFailures();
  }

  @Override
  public long getPendingInvalidations() {
    return runtime.pipeline().dispatcher().pending();
  }

  @Override
  public String getLastError() {
    return Secrets.maskUri(runtime.statistics().lastError());
  }

  @Override
  public long getCaffeineCaches() {
    return runtime.caffeineCaches().size();
  }

  @Override
  public Map<String, Long> getWritesBySource() {
    return runtime.statistics().writesBySource();
  }

  @Override
  public Map<String, Long> getInvalidationsByStrategy() {
    return runtime.statistics().invalidationsByStrategy();
  }

  @Override
  public Map<String, Long> getFailuresByStrategy() {
    return runtime.statistics().failuresByStrategy();
  }

  @Override
  public Map<String, Long> getKeysRemovedByStrategy() {
    return runtime.statistics().keysRemovedByStrategy();
  }

  @Override
  public Map<String, Long> getVersions() {
    try {
      return runtime.versions();
    } catch (Exception e) {
      // A self-contained message (no nested cause over the wire), credentials masked.
      throw new IllegalStateException("cannot read versions: " + Secrets.maskUri(e.toString()));
    }
  }

  @Override
  public Map<String, Long> getRetriesByStrategy() {
    return runtime.statistics().retriesByStrategy();
  }

  @Override
  public Map<String, Long> getPendingByStrategy() {
    return runtime.pipeline().dispatcher().pendingByStrategy();
  }

  @Override
  public Map<String, Long> getReplayedByStrategy() {
    Map<String, Long> out = new TreeMap<>();
    runtime.statistics().strategies().forEach((name, statistics) -> out.put(name, statistics.replayed()));
    return out;
  }

  @Override
  public Map<String, StrategyMetrics> getStrategyMetrics() {
    Map<String, Long> pending = runtime.pipeline().dispatcher().pendingByStrategy();
    Map<String, StrategyMetrics> out = new TreeMap<>();
    runtime.statistics().strategies().forEach((name, statistics) ->
        out.put(name, StrategyMetrics.of(statistics, pending.getOrDefault(name, 0L))));
    pending.forEach((name, count) -> out.computeIfAbsent(name,
        missing -> StrategyMetrics.of(runtime.statistics().strategy(missing), count)));
    return out;
  }

  @Override
  public void invalidate(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("invalidate: expected a name such as Category");
    }
    runtime.pipeline().invalidateNames(List.of(name.trim()), "jmx invalidate(" + name.trim() + ")");
  }

  @Override
  public void invalidatePattern(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("invalidatePattern: expected a cache-key glob pattern such as category:*");
    }
    runtime.pipeline().invalidatePatterns(List.of(pattern.trim()), "jmx invalidatePattern(" + pattern.trim() + ")");
  }

  @Override
  public void invalidateAll() {
    runtime.pipeline().invalidatePatterns(List.of("*"), "jmx invalidateAll()");
  }

  @Override
  public void resetStatistics() {
    runtime.statistics().reset();
  }

  @Override
  public void reloadConfiguration() {
    runtime.reload();
  }
}
