package dev.cacheinvalidation.bridge;

import java.util.List;

/**
 * Receives graphql-java events: from the advice on {@code GraphQL.Builder.build()} and from the agent's
 * graphql-java {@code Instrumentation}, which runs inside the application's class loader.
 *
 * <p>Arguments are {@code Object}, {@code String} or {@code List<String>}: the bridge lives on the bootstrap
 * class path and cannot see graphql-java types. A mutation is identified by the opaque handle that
 * {@link #mutationStarted} returns; callers pass it back unchanged and never look inside.
 *
 * <p>Call order for one execution: {@link #tracking()} once; for a mutation {@link #mutationStarted}, then for
 * each top-level field {@link #mutationField}, around each data fetcher of the execution
 * {@link #enterFetcher}/{@link #exitFetcher} (possibly on several threads), and {@link #mutationEnded} once.
 * Implementations must be thread-safe, fast, and must never throw.
 */
public interface GraphQlSink {
  /** A sink that ignores everything: installed until the agent has started. */
  GraphQlSink NOOP = new GraphQlSink() {};

  /**
   * A {@code graphql.GraphQL} is about to be built.
   *
   * @param instrumentation the builder's instrumentation, or null when none was set
   * @param builderType the class of the builder, whose class loader sees the application's graphql-java
   * @return the instrumentation to build with: the argument itself, or a chain of it and the agent's own
   */
  default Object engineBuilding(Object instrumentation, Class<?> builderType) {
    return instrumentation;
  }

  /** Whether a new execution should be followed at all (the graphql source is on); a volatile read. */
  default boolean tracking() {
    return false;
  }

  /**
   * A mutation operation starts executing (it parsed and validated).
   *
   * @param operationName the operation's name, or null for an anonymous one
   * @return a handle for the calls below, or null when the mutation is to be ignored
   */
  default Object mutationStarted(String operationName) {
    return null;
  }

  /**
   * A top-level field of the mutation is fetched.
   *
   * @param fieldName the schema name of the field (never the alias)
   * @param returnTypeName the field's type with non-null and list wrappers removed
   * @param innerTypeNames the object types one level inside the return type (a payload's fields, a union's
   *     members); empty when the return type is not an object or union type
   */
  default void mutationField(Object mutation, String fieldName, String returnTypeName, List<String> innerTypeNames) {}

  /** A data fetcher of the mutation starts on this thread; returns what {@link #exitFetcher} takes back. */
  default Object enterFetcher(Object mutation) {
    return null;
  }

  /** The data fetcher returned (its result may still complete later, elsewhere). */
  default void exitFetcher(Object previous) {}

  /** The execution ended: normally, with field errors, or exceptionally. Called at most once per handle. */
  default void mutationEnded(Object mutation) {}
}
