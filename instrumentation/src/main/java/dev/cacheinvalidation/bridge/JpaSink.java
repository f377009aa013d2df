package dev.cacheinvalidation.bridge;

/**
 * Receives JPA/Hibernate events from advice. Placeholder contract completed by the JPA instrumentation.
 *
 * <p>Implementations must be thread-safe and never throw.
 */
public interface JpaSink {
  JpaSink NOOP = new JpaSink() {};
}
