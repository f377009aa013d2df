package dev.cacheinvalidation.agent.pipeline;

import java.util.Locale;

/** Where a write or an invalidation came from. The first three can be switched with {@code invalidation.sources}. */
public enum Source {
  JPA, JDBC, GRAPHQL,
  /** An operator, through JMX. */
  OPERATOR,
  /** The agent itself: {@code on-startup}, {@code on-ddl}. */
  AGENT;

  // Computed once: statistics ask for it on every detected write.
  private final String key = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in configuration and JMX. */
  public String key() {
    return key;
  }
}
