package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The pipeline's settings at one moment: swapped whole, so a unit of work sees one consistent set.
 * Immutable.
 *
 * @param enabled whether writes are acted on at all
 * @param sources the sources whose writes are acted on
 * @param rules the name → patterns rules
 * @param strategies the strategies every invalidation is applied with, in order
 * @param awaitMillis how long a committing thread waits for remote strategies
 */
public record PipelineSettings(boolean enabled, Set<Source> sources, RuleSet rules,
    List<InvalidationStrategy> strategies, long awaitMillis) {
  public PipelineSettings {
    // An enum set: accepts(source) runs on every JDBC call, and an enum set's contains is one bit test.
    EnumSet<Source> copy = EnumSet.noneOf(Source.class);
    copy.addAll(sources);
    sources = Collections.unmodifiableSet(copy);
    strategies = List.copyOf(strategies);
  }

  public PipelineSettings withEnabled(boolean newEnabled) {
    return new PipelineSettings(newEnabled, sources, rules, strategies, awaitMillis);
  }

  public PipelineSettings withSources(Set<Source> newSources) {
    return new PipelineSettings(enabled, newSources, rules, strategies, awaitMillis);
  }

  public PipelineSettings withStrategies(List<InvalidationStrategy> newStrategies) {
    return new PipelineSettings(enabled, sources, rules, newStrategies, awaitMillis);
  }
}
