package dev.cacheinvalidation.bridge;

import java.util.Objects;

/**
 * The only agent class that advice talks to: a registry of sinks that the agent installs at start-up.
 *
 * <p>This package is appended to the bootstrap class path, so advice inlined into classes of any class loader
 * (system, Spring Boot's nested-jar loader, a servlet container's web-app loader) resolves it. It must stay
 * small and free of dependencies: nothing here may reference a class outside {@code java.base}.
 *
 * <p>Until the agent installs its sinks, every sink ignores calls. Thread-safety: sinks are published through
 * volatile fields; the install methods may be called from any thread.
 */
public final class Bridge {
  private static volatile CacheSink cacheSink = CacheSink.NOOP;
  private static volatile JdbcSink jdbcSink = JdbcSink.NOOP;
  private static volatile JpaSink jpaSink = JpaSink.NOOP;
  private static volatile GraphQlSink graphQlSink = GraphQlSink.NOOP;

  private Bridge() {}

  public static CacheSink cache() {
    return cacheSink;
  }

  public static JdbcSink jdbc() {
    return jdbcSink;
  }

  public static JpaSink jpa() {
    return jpaSink;
  }

  public static GraphQlSink graphQl() {
    return graphQlSink;
  }

  public static void install(CacheSink sink) {
    cacheSink = Objects.requireNonNull(sink);
  }

  public static void install(JdbcSink sink) {
    jdbcSink = Objects.requireNonNull(sink);
  }

  public static void install(JpaSink sink) {
    jpaSink = Objects.requireNonNull(sink);
  }

  public static void install(GraphQlSink sink) {
    graphQlSink = Objects.requireNonNull(sink);
  }
}
