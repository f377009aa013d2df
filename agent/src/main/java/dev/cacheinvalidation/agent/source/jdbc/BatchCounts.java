package dev.cacheinvalidation.agent.source.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Statement;

/** Reads which entries of a JDBC batch ran from its update counts. Stateless. */
final class BatchCounts {
  private BatchCounts() {}

  /**
   * The update counts of a batch that returned ({@code int[]} or {@code long[]}) or failed part-way
   * ({@link BatchUpdateException}), or null when it failed otherwise: then nothing is known to have run.
   */
  static long[] of(Object returned, Throwable thrown) {
    if (thrown instanceof BatchUpdateException failed) {
      long[] large = failed.getLargeUpdateCounts();
      return large != null ? large : toLong(failed.getUpdateCounts());
    }
    if (thrown != null) {
      return null;
    }
    if (returned instanceof long[] large) {
      return large;
    }
    return returned instanceof int[] counts ? toLong(counts) : null;
  }

  /**
   * Whether batch entry {@code i} ran. After success every entry did (a driver that rewrites a batch into one
   * statement may return fewer counts than entries); after a failure, those with a count other than
   * {@link Statement#EXECUTE_FAILED} did.
   */
  static boolean ran(long[] counts, int i, boolean partial) {
    return !partial || (i < counts.length && counts[i] != Statement.EXECUTE_FAILED);
  }

  /** Whether any entry ran: a prepared statement's batch repeats one SQL string. */
  static boolean anyRan(long[] counts) {
    for (long count : counts) {
      if (count != Statement.EXECUTE_FAILED) {
        return true;
      }
    }
    return false;
  }

  private static long[] toLong(int[] counts) {
    if (counts == null) {
      return new long[0];
    }
    long[] out = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i];
    }
    return out;
  }
}
