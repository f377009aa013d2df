package dev.cacheinvalidation.bridge;

/**
 * The per-thread call-depth counters of the JDBC advice, one per kind of call.
 *
 * <p>A pool proxy calls the driver, a driver's {@code executeUpdate} may call its own
 * {@code executeLargeUpdate}, a subclass calls {@code super}: each layer is advised, yet the application made
 * one call, so only the outermost reports (one write, one commit). The kinds are counted apart because a call
 * of one kind inside another is a separate event: a driver may run a statement inside {@code commit()}.
 *
 * <p>Thread-safety: each counter is per thread.
 */
public final class JdbcCalls {
  /** {@code Statement.execute*}, {@code addBatch}, {@code clearBatch}, {@code executeBatch}. */
  public static final CallDepth STATEMENT = new CallDepth();
  /** {@code Connection.prepareStatement/prepareCall}. */
  public static final CallDepth PREPARE = new CallDepth();
  /** {@code Connection.commit/rollback/setSavepoint/releaseSavepoint/setAutoCommit/close}. */
  public static final CallDepth CONNECTION = new CallDepth();

  private JdbcCalls() {}
}
