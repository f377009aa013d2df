package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.sql.CachingSqlAnalyzer;

/**
 * The analysed SQL strings used most recently, in front of the {@link CachingSqlAnalyzer}: a direct-mapped
 * table of {@value #SLOTS} slots indexed by the string's hash. Hibernate prepares a fresh statement from the
 * same {@code String} instance on every flush, so a hit is usually a reference comparison, where the bounded
 * cache behind it would pay its read bookkeeping; and one {@link AnalyzedSql} per string lets every statement
 * prepared with it share its resolved names.
 *
 * <p>Two hot strings that share a slot evict each other and fall through to the cache behind: slower, never
 * wrong. Strings longer than the analyser's cached length are never kept, so the table holds at most
 * {@value #SLOTS} × that length characters.
 *
 * <p>Thread-safety: slots are read and written without locks. {@link AnalyzedSql}'s fields are final, so a
 * racing reader sees a complete entry or an older one (a miss, never a wrong answer).
 */
final class RecentStatements {
  static final int SLOTS = 1_024;

  private final AnalyzedSql[] slots = new AnalyzedSql[SLOTS];
  private final CachingSqlAnalyzer analyzer;
  private final int maximumCachedLength;

  RecentStatements(CachingSqlAnalyzer analyzer, int maximumCachedLength) {
    this.analyzer = analyzer;
    this.maximumCachedLength = maximumCachedLength;
  }

  /** The analysis of {@code sql} (null and empty strings are reads). Never throws. */
  AnalyzedSql analyze(String sql) {
    if (sql == null) {
      return AnalyzedSql.of(analyzer.analyze(null), "");
    }
    int hash = sql.hashCode();
    int index = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    AnalyzedSql recent = slots[index];
    if (recent != null && (recent.sql == sql || (recent.sql.hashCode() == hash && recent.sql.equals(sql)))) {
      return recent;
    }
    AnalyzedSql analyzed = AnalyzedSql.of(analyzer.analyze(sql), sql);
    if (sql.length() <= maximumCachedLength) {
      slots[index] = analyzed;
    }
    return analyzed;
  }
}
