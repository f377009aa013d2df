package dev.cacheinvalidation.instrumentation.graphql.helper;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.bridge.GraphQlSink;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * Runs a mutation's data fetcher with the mutation marked as current on the calling thread, so the agent can
 * tell that a transaction committed inside it belongs to the mutation.
 *
 * <p>Only the fetcher's own call is covered: work it hands to another thread (a {@code CompletableFuture} on
 * an executor) is not marked. Immutable and thread-safe.
 */
final class ContextDataFetcher<T> implements DataFetcher<T> {
  private final DataFetcher<T> delegate;
  private final Object mutation;

  @SuppressWarnings("unchecked")
  ContextDataFetcher(DataFetcher<?> delegate, Object mutation) {
    this.delegate = (DataFetcher<T>) delegate;
    this.mutation = mutation;
  }

  @Override
  public T get(DataFetchingEnvironment environment) throws Exception {
    GraphQlSink sink = Bridge.graphQl();
    Object previous = sink.enterFetcher(mutation);
    try {
      return delegate.get(environment);
    } finally {
      sink.exitFetcher(previous);
    }
  }
}
