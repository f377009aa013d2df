package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.sql.SqlAnalysis;
import dev.cacheinvalidation.agent.sql.StatementKind;

/**
 * A SQL string that writes or is DDL, with the (informational) operation read from its first keyword. Kept per
 * prepared statement and per batch entry; names are resolved only when the statement runs, because table
 * aliases can be reloaded and JPA teaches the catalog new tables. Immutable.
 */
record AnalyzedSql(SqlAnalysis analysis, Operation operation) {

  static AnalyzedSql of(SqlAnalysis analysis, String sql) {
    return new AnalyzedSql(analysis, operation(analysis.kind(), sql));
  }

  /** The operation of a write, from the first word of the SQL; only called for writes and DDL. */
  static Operation operation(StatementKind kind, String sql) {
    if (kind == StatementKind.DDL) {
      return Operation.DDL;
    }
    int start = 0;
    int length = sql.length();
    while (start < length && (Character.isWhitespace(sql.charAt(start)) || sql.charAt(start) == '(')) {
      start++;
    }
    int end = start;
    while (end < length && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    // Compared in place: this runs at every prepareStatement of a write, so no substring or case copy.
    if (isWord(sql, start, end, "INSERT")) {
      return Operation.INSERT;
    }
    if (isWord(sql, start, end, "UPDATE")) {
      return Operation.UPDATE;
    }
    if (isWord(sql, start, end, "DELETE") || isWord(sql, start, end, "TRUNCATE")) {
      return Operation.DELETE;
    }
    if (isWord(sql, start, end, "MERGE") || isWord(sql, start, end, "UPSERT") || isWord(sql, start, end, "REPLACE")) {
      return Operation.UPSERT;
    }
    return Operation.UNKNOWN;
  }

  /** Whether {@code sql[start, end)} is {@code word} (upper case ASCII), ignoring case. */
  private static boolean isWord(String sql, int start, int end, String word) {
    return end - start == word.length() && sql.regionMatches(true, start, word, 0, word.length());
  }
}
