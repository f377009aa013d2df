package dev.cacheinvalidation.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CachingSqlAnalyzerTest {

    @Test
    void hitReturnsTheSameInstance() {
        CachingSqlAnalyzer c = new CachingSqlAnalyzer(100, 1000);
        String sql = "update post set title=?,version=? where id=? and version=?";
        SqlAnalysis first = c.analyze(sql);
        assertEquals(SqlAnalyzer.analyze(sql), first);
        assertSame(first, c.analyze(sql));
        assertSame(first, c.analyze(new String(sql.toCharArray()))); // equal, not identical, key
        assertEquals(1, c.estimatedSize());
    }

    @Test
    void nullAndEmptyAreReadsAndNotCached() {
        CachingSqlAnalyzer c = new CachingSqlAnalyzer(100, 1000);
        assertSame(SqlAnalysis.READ, c.analyze(null));
        assertSame(SqlAnalysis.READ, c.analyze(""));
        assertEquals(0, c.estimatedSize());
    }

    @Test
    void longStatementsAreAnalysedButNotCached() {
        CachingSqlAnalyzer c = new CachingSqlAnalyzer(100, 40);
        String shortSql = "DELETE FROM t WHERE id = ?";
        String longSql = "DELETE FROM t WHERE id IN (" + "?,".repeat(30) + "?)";
        assertTrue(longSql.length() > 40);
        SqlAnalysis a = c.analyze(longSql);
        assertEquals(SqlAnalyzer.analyze(longSql), a);
        SqlAnalysis b = c.analyze(longSql);
        assertEquals(a, b);
        assertNotSame(a, b);
        assertEquals(0, c.estimatedSize());
        c.analyze(shortSql);
        assertEquals(1, c.estimatedSize());
        String exactly = "x".repeat(40);
        c.analyze(exactly); // a length equal to the bound is cached
        assertEquals(2, c.estimatedSize());
    }

    @Test
    void sizeIsBounded() {
        CachingSqlAnalyzer c = new CachingSqlAnalyzer(100, 16_384);
        for (int i = 0; i < 10_000; i++) {
            SqlAnalysis a = c.analyze("UPDATE t" + i + " SET a = ?");
            assertEquals("t" + i, a.writtenTables().get(0).name());
        }
        c.cleanUp();
        assertTrue(c.estimatedSize() <= 100, "size " + c.estimatedSize());
    }

    @Test
    void zeroEntriesCachesNothingButStillAnswers() {
        CachingSqlAnalyzer c = new CachingSqlAnalyzer(0, 16_384);
        assertEquals(SqlAnalyzer.analyze("DELETE FROM t"), c.analyze("DELETE FROM t"));
        c.cleanUp();
        assertEquals(0, c.estimatedSize());
    }

    @Test
    void rejectsNegativeBounds() {
        assertThrows(IllegalArgumentException.class, () -> new CachingSqlAnalyzer(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new CachingSqlAnalyzer(10, -1));
    }

    @Test
    void concurrentUseAgreesWithTheAnalyzer() throws Exception {
        CachingSqlAnalyzer c = new CachingSqlAnalyzer(50, 16_384);
        List<String> sqls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sqls.add(i % 3 == 0 ? "SELECT * FROM t" + i : i % 3 == 1 ? "INSERT INTO t" + i + " VALUES (?)"
                    : "CREATE INDEX i ON t" + i + " (a)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String sql = sqls.get((i * 7 + offset) % sqls.size());
                        assertEquals(SqlAnalyzer.analyze(sql), c.analyze(sql), sql);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        c.cleanUp();
        assertTrue(c.estimatedSize() <= 50);
    }
}
