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

  /**
   * Enters {@code execute*()} without arguments on a prepared or callable statement; null when there is
   * nothing to count: the statement's class carries the agent's field ({@link AgentSlot}) and it holds no
   * SQL, so the statement reads (or was prepared inside a pool proxy's call, and the proxy reports). That is
   * every read on a prepared statement, the most frequent call the agent sees.
   */
  public static int[] enterPreparedExecute(Object statement) {
    return enterUnlessEmptySlot(STATEMENT, statement);
  }

  /**
   * Enters a call that ends, marks or abandons a connection's transaction ({@code commit}, {@code rollback},
   * {@code releaseSavepoint}, {@code setAutoCommit}, {@code close}); null when there is nothing to count:
   * the connection's class carries the agent's field and it holds no open transaction, so the call has nothing
   * to act on, and neither has any call the driver makes inside it on a connection without one. (A pool's
   * physical connection never holds one: writes are recorded on the proxy the statements return.)
   */
  public static int[] enterTransactionCall(Object connection) {
    return enterUnlessEmptySlot(CONNECTION, connection);
  }

  private static int[] enterUnlessEmptySlot(CallDepth depth, Object target) {
    if (target instanceof AgentSlot slot && slot.cacheInvalidation$slot() == null) {
      return null;
    }
    return depth.enter();
  }
}
