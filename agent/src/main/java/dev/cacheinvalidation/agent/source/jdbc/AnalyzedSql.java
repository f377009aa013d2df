package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.sql.SqlAnalysis;
import dev.cacheinvalidation.agent.sql.StatementKind;
import java.util.Locale;

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
    return switch (sql.substring(start, end).toUpperCase(Locale.ROOT)) {
      case "INSERT" -> Operation.INSERT;
      case "UPDATE" -> Operation.UPDATE;
      case "DELETE", "TRUNCATE" -> Operation.DELETE;
      case "MERGE", "UPSERT", "REPLACE" -> Operation.UPSERT;
      default -> Operation.UNKNOWN;
    };
  }
}
