package dev.cacheinvalidation.bridge;

/**
 * Call-depth counters shared by the Hibernate advice, so that only the outermost of nested calls reports:
 * {@code StatelessSession.insert(entity)} delegates to {@code insert(null, entity)}, and both are intercepted.
 *
 * <p>Thread-safety: each counter is per thread.
 */
public final class JpaCalls {
  /** Stateless session operations. */
  public static final CallDepth STATELESS = new CallDepth();
  /** Bulk {@code executeUpdate} of SQM queries. */
  public static final CallDepth BULK = new CallDepth();

  private JpaCalls() {}
}
