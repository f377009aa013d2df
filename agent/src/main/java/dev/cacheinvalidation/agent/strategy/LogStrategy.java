package dev.cacheinvalidation.agent.strategy;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import org.slf4j.Logger;

/**
 * Prints each invalidation (unit, names, patterns) and removes nothing: a dry run of the configuration.
 * Thread-safe.
 */
public final class LogStrategy implements InvalidationStrategy {
  private static final Logger log = AgentLog.get(LogStrategy.class);

  @Override
  public String name() {
    return "log";
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public long apply(Invalidation invalidation) {
    log.info("invalidate #{} ({}) names={} patterns={}", invalidation.id(), invalidation.origin(),
        invalidation.names(), invalidation.patterns());
    return 0;
  }
}
