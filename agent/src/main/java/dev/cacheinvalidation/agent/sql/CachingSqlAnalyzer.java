package dev.cacheinvalidation.agent.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A bounded memo in front of {@link SqlAnalyzer}: applications send the same few hundred statement
 * strings (prepared statements with {@code ?}) over and over, so a hit costs one hash lookup instead of
 * a lexer pass.
 *
 * <p><b>Contract.</b> {@link #analyze(String)} returns exactly what {@link SqlAnalyzer#analyze(String)}
 * returns for the same string (results are immutable, so a hit returns the very instance computed on
 * the miss), never throws and never returns {@code null}. Strings longer than
 * {@code maximumCachedLength} are analysed every time and never cached: they are usually generated
 * (long IN lists, batched literals), rarely repeated, and would pin memory. The cache holds at most
 * {@code maximumEntries} entries (Caffeine's size-based eviction, approximately LRU/LFU); the retained
 * memory is therefore bounded by about {@code maximumEntries * maximumCachedLength * 2} bytes of keys.
 *
 * <p><b>Thread-safety.</b> Safe for concurrent use. Two threads missing on the same string at once may
 * both analyse it (the analysis is pure, so either result is fine); no lock is taken on the hot path.
 * Cache maintenance runs on the calling thread ({@code executor(Runnable::run)}), so the agent starts
 * no thread and never uses the application's common fork-join pool.
 */
public final class CachingSqlAnalyzer {

    private final Cache<String, SqlAnalysis> cache;
    private final int maximumCachedLength;

    /**
     * @param maximumEntries      the maximum number of cached statements (the agent uses 10,000)
     * @param maximumCachedLength the longest statement, in chars, that is cached (the agent uses 16,384)
     * @throws IllegalArgumentException if either argument is negative
     */
    public CachingSqlAnalyzer(int maximumEntries, int maximumCachedLength) {
        if (maximumEntries < 0 || maximumCachedLength < 0) {
            throw new IllegalArgumentException("negative bound: " + maximumEntries + ", " + maximumCachedLength);
        }
        this.maximumCachedLength = maximumCachedLength;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .executor(Runnable::run)
                .build();
    }

    /**
     * @param sql the SQL as given to JDBC; may be {@code null}
     * @return the analysis; {@link SqlAnalysis#READ} for {@code null} or empty input; never {@code null}
     */
    public SqlAnalysis analyze(String sql) {
        if (sql == null || sql.isEmpty()) {
            return SqlAnalysis.READ;
        }
        if (sql.length() > maximumCachedLength) {
            return SqlAnalyzer.analyze(sql);
        }
        try {
            SqlAnalysis hit = cache.getIfPresent(sql);
            if (hit != null) {
                return hit;
            }
            SqlAnalysis computed = SqlAnalyzer.analyze(sql);
            cache.put(sql, computed);
            return computed;
        } catch (RuntimeException e) { // a cache failure must not fail the JDBC call
            return SqlAnalyzer.analyze(sql);
        }
    }

    /** @return the approximate number of cached statements (for metrics and tests) */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    /** Runs pending eviction now; for tests. */
    void cleanUp() {
        cache.cleanUp();
    }
}
