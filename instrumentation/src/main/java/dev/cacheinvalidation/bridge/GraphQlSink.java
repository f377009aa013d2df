package dev.cacheinvalidation.bridge;

/**
 * Receives graphql-java events from advice. Placeholder contract completed by the GraphQL instrumentation.
 *
 * <p>Implementations must be thread-safe and never throw.
 */
public interface GraphQlSink {
  GraphQlSink NOOP = new GraphQlSink() {};
}
