package dev.cacheinvalidation.bridge;

/**
 * Receives JDBC events from advice: statements that ran, statements prepared, batches, and the transaction
 * calls of a connection.
 *
 * <p>Arguments are {@code Object}: {@code java.sql} belongs to the platform class loader, which the bootstrap
 * class path cannot see. Statements and connections are the objects the application called (for a pool, its
 * proxy), because advice reports only the outermost of nested calls ({@link JdbcCalls}). Every method is
 * called after the intercepted call returned; {@code thrown} is what it threw, or null.
 *
 * <p>Implementations must be thread-safe, must never throw, and must be cheap for reads: {@link #executed} and
 * {@link #executedPrepared} run after every query the application makes.
 */
public interface JdbcSink {
  /** A sink that ignores everything: installed until the agent has started. */
  JdbcSink NOOP = new JdbcSink() {};

  /** {@code execute/executeUpdate/executeLargeUpdate/executeQuery(String sql, ...)} returned normally. */
  default void executed(Object statement, String sql) {}

  /**
   * A no-argument {@code execute/executeUpdate/executeLargeUpdate/executeQuery} of a prepared statement returned.
   *
   * @param statementSlot what the statement's agent field holds ({@link AgentSlot#valueOf}), read by the advice
   */
  default void executedPrepared(Object statement, Object statementSlot) {}

  /**
   * {@code connection.prepareStatement/prepareCall(String sql, ...)} returned {@code statement}.
   *
   * @return the agent's state for the statement's own field, which the advice stores there when the statement
   *     carries one ({@link AgentSlot}), or null: nothing to store (the sink kept what it needs elsewhere)
   */
  default Object prepared(Object connection, Object statement, String sql) {
    return null;
  }

  /** {@code Statement.addBatch(String sql)} returned normally. */
  default void batchAdded(Object statement, String sql) {}

  /** {@code Statement.clearBatch()} returned. */
  default void batchCleared(Object statement) {}

  /**
   * {@code executeBatch()/executeLargeBatch()} ended.
   *
   * @param updateCounts the returned {@code int[]} or {@code long[]}, or null when it threw
   * @param thrown what it threw (a {@code BatchUpdateException} carries the counts of the statements that ran)
   */
  default void batchExecuted(Object statement, Object updateCounts, Throwable thrown) {}

  /** {@code Connection.commit()} ended. */
  default void committed(Object connection, Throwable thrown) {}

  /** {@code Connection.rollback()} ended. */
  default void rolledBack(Object connection, Throwable thrown) {}

  /** {@code Connection.rollback(Savepoint)} returned normally. */
  default void rolledBackTo(Object connection, Object savepoint) {}

  /** {@code Connection.setSavepoint(...)} returned {@code savepoint}. */
  default void savepointSet(Object connection, Object savepoint) {}

  /** {@code Connection.releaseSavepoint(Savepoint)} returned normally. */
  default void savepointReleased(Object connection, Object savepoint) {}

  /** {@code Connection.setAutoCommit(boolean)} returned normally. */
  default void autoCommitSet(Object connection, boolean autoCommit) {}

  /** {@code Connection.close()} ended. */
  default void closed(Object connection, Throwable thrown) {}
}
