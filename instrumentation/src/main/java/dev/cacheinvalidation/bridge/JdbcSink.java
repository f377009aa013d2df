package dev.cacheinvalidation.bridge;

/**
 * Receives JDBC events from advice. Placeholder contract completed by the JDBC instrumentation.
 *
 * <p>Arguments are {@code Object}: {@code java.sql} belongs to the platform class loader, which the bootstrap
 * class path cannot see. Implementations must be thread-safe and never throw.
 */
public interface JdbcSink {
  JdbcSink NOOP = new JdbcSink() {};
}
