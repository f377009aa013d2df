package dev.cacheinvalidation.samples.staleness.app;

/**
 * One write path (JDBC, JPA or GraphQL) owned by one writer thread: increments the version of row
 * {@code item.id} in a transaction, then commits or rolls back. Not thread-safe (one per thread).
 */
interface ItemWriter extends AutoCloseable {
  /** Sentinel returned for a rolled-back write. */
  long ROLLED_BACK = -1;

  /**
   * Writes row {@code id}; runs {@code beforeCommit} just before {@code commit()} (the before-commit baseline
   * evicts there). Returns the committed version, or {@link #ROLLED_BACK}.
   */
  long write(long id, boolean commit, Runnable beforeCommit) throws Exception;

  @Override
  void close() throws Exception;
}
