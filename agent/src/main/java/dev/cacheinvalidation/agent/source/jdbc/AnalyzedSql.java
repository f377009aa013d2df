package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.Write;
import dev.cacheinvalidation.agent.sql.SqlAnalysis;
import dev.cacheinvalidation.agent.sql.StatementKind;
import dev.cacheinvalidation.agent.sql.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQL string with its analysis and the (informational) operation read from its first keyword, shared by
 * every statement prepared with that string ({@link RecentStatements}).
 *
 * <p>The writes it stands for are resolved through the {@link NameCatalog} when a statement runs, because
 * table aliases can be reloaded and JPA teaches the catalog new tables; the result is kept with the catalog's
 * {@linkplain NameCatalog#version() version} and resolved again only when the catalog has changed since, so a
 * statement run a million times costs one version check instead of a million catalog lookups.
 *
 * <p>Thread-safety: immutable apart from that memo, which is published through a volatile field and
 * recomputed harmlessly when two threads race.
 */
final class AnalyzedSql {
  final String sql;
  final SqlAnalysis analysis;
  final Operation operation;
  private volatile Resolved resolved;

  private record Resolved(long catalogVersion, List<Write> writes) {}

  private AnalyzedSql(String sql, SqlAnalysis analysis, Operation operation) {
    this.sql = sql;
    this.analysis = analysis;
    this.operation = operation;
  }

  static AnalyzedSql of(SqlAnalysis analysis, String sql) {
    return new AnalyzedSql(sql, analysis, analysis.isRead() ? Operation.UNKNOWN : operation(analysis.kind(), sql));
  }

  boolean isRead() {
    return analysis.isRead();
  }

  boolean isDdl() {
    return analysis.kind() == StatementKind.DDL;
  }

  /** A write whose tables the analyser could not tell: it invalidates everything. */
  boolean hasUnknownTables() {
    return !isDdl() && !isRead() && analysis.writtenTables().isEmpty();
  }

  /** The writes of this SQL under the catalog as it is now; immutable. */
  List<Write> writes(NameCatalog catalog) {
    long version = catalog.version(); // read before resolving: a change made meanwhile bumps it again
    Resolved current = resolved;
    if (current == null || current.catalogVersion != version) {
      current = new Resolved(version, resolve(catalog));
      resolved = current;
    }
    return current.writes;
  }

  private List<Write> resolve(NameCatalog catalog) {
    List<Write> writes = new ArrayList<>(2);
    for (TableRef table : analysis.writtenTables()) {
      for (String name : catalog.namesForTable(table.schema(), table.name())) {
        writes.add(new Write(Source.JDBC, name, operation));
      }
    }
    return List.copyOf(writes);
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
    // Compared in place: this runs once per distinct SQL string, but with no substring or case copy.
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
