package dev.cacheinvalidation.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Throws over a million random and mutated statements, plus pathological inputs (1 MB strings,
 * 100,000-deep parentheses, 10,000 statements, unbalanced quotes and comments) at the parser.
 *
 * <p>It calls the parser directly, not {@link SqlAnalyzer#analyze(String)}, because the latter's
 * safety net would turn any internal exception into a conservative result and hide the bug. Every
 * result must be non-null and well-formed. The seed is fixed and printed: a failure reproduces with
 * {@code -Dsql.fuzz.seed=<seed>}.
 */
class SqlFuzzTest {

    private static final long DEFAULT_SEED = 0x5EEDCAFEL;
    private static final int RANDOM_INPUTS = 1_000_000;
    private static final int MB = 1 << 20;

    private static final String[] NASTY = {
        "'", "''", "\"", "`", "[", "]", "(", ")", "((", "))", "/*", "*/", "/*!", "/*!50001 ", "/*M!", "--", "#",
        "#>", "$", "$$", "$a$", "$tag$", "$1", "\\", ";", ";;", "\n", "\r", "\0", ".", ",", "*", "?", "@", "E'",
        "\u00e9", "\u4e2d", "\ud83d\ude00", "\ud800", "\udfff", "\u2028", "\u00a0", "\ufeff", " ", "\t", ".*",
    };

    private static final String[] WORDS = {
        "INSERT", "INTO", "UPDATE", "SET", "DELETE", "FROM", "USING", "JOIN", "LEFT", "STRAIGHT_JOIN", "ON", "WITH",
        "RECURSIVE", "AS", "SELECT", "MERGE", "UPSERT", "REPLACE", "KEY", "VALUES", "CREATE", "TABLE", "VIEW", "INDEX",
        "TRIGGER", "FUNCTION", "ALTER", "RENAME", "TO", "DROP", "IF", "EXISTS", "NOT", "TRUNCATE", "ONLY", "EXPLAIN",
        "ANALYZE", "BEGIN", "END", "COMMIT", "TOP", "PARTITION", "OF", "ATTACH", "COPY", "LOAD", "DATA", "REFRESH",
        "MATERIALIZED", "WHERE", "RETURNING", "ORDER", "LIMIT", "FINAL", "DISTINCT", "IS", "ALL", "FIRST", "OUTFILE",
        "STATEMENT", "FOR", "TEMP", "COLUMN", "t", "u", "a.b", "s.t.c", "x1", "\"Q t\"", "`b t`", "[br]", "'str'",
        "$$d$$", "1", "2.5", "$1", "?", "(", ")", ",", ".", "*", ";", "=", "@", "@@", "+", "#", "--c\n", "/*c*/",
    };

    @Test
    void fuzz() throws Exception {
        long seed = Long.getLong("sql.fuzz.seed", DEFAULT_SEED);
        System.out.println("SqlFuzzTest seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SqlCorpusTest.Entry> entries = SqlCorpusTest.load();
        String[] corpus = entries.stream().map(SqlCorpusTest.Entry::sql).toArray(String[]::new);
        Stats stats = new Stats();
        long start = System.nanoTime();

        for (int i = 0; i < RANDOM_INPUTS; i++) {
            String sql;
            switch (i % 10) {
                case 0: sql = randomChars(rnd, rnd.nextInt(200)); break;
                case 1:
                case 2: sql = tokenSoup(rnd, 1 + rnd.nextInt(40)); break;
                default: sql = mutate(rnd, corpus[rnd.nextInt(corpus.length)], corpus); break;
            }
            stats.run(sql, i);
        }
        long randomNanos = System.nanoTime() - start;

        for (String sql : pathological(rnd)) {
            stats.run(sql, -1);
        }
        long totalNanos = System.nanoTime() - start;
        // First-run times include JIT compilation, GC pauses and a shared CPU; re-running the slowest
        // inputs tells a slow input from a slow moment.
        String steadySlowest = "";
        long steadyMicros = -1;
        for (String sql : stats.slowestInputs) {
            long micros = rerunMicros(sql);
            if (micros > steadyMicros) {
                steadyMicros = micros;
                steadySlowest = sql;
            }
        }
        System.out.printf("SqlFuzzTest: %,d analyses (%,d random/mutated in %d ms), total %d ms; slowest single "
                + "first run %,d us (input of %,d chars); slowest of the %d slowest inputs re-run (best of 5): "
                + "%,d us for an input of %,d chars: %s%n",
                stats.count, RANDOM_INPUTS, randomNanos / 1_000_000, totalNanos / 1_000_000, stats.slowestNanos / 1000,
                stats.slowest.length(), stats.slowestInputs.size(), steadyMicros, steadySlowest.length(),
                abbreviate(steadySlowest.length() > 60 ? steadySlowest.substring(0, 60) : steadySlowest));
        assertTrue(stats.count >= RANDOM_INPUTS);
    }

    @Test
    void pathologicalInputsHaveTheExpectedResults() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            b.append("INSERT INTO t").append(i).append(" VALUES (").append(i).append(");");
        }
        SqlAnalysis many = SqlAnalyzer.analyze(b.toString());
        assertEquals(StatementKind.WRITE, many.kind());
        assertTrue(many.writtenTables().isEmpty(), "more than MAX_TABLES tables: unknown");
        assertEquals(List.of(new TableRef(null, "t")), SqlAnalyzer.analyze("UPDATE t SET a = 1;".repeat(10_000)).writtenTables());
        String deep = "(".repeat(100_000) + "DELETE FROM t" + ")".repeat(100_000);
        assertEquals(List.of(new TableRef(null, "t")), SqlAnalyzer.analyze("WITH x AS " + deep + " SELECT 1").writtenTables());
        assertEquals(SqlAnalysis.READ, SqlAnalyzer.analyze("SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000)));
        assertEquals(List.of(new TableRef(null, "t")),
                SqlAnalyzer.analyze("UPDATE t SET a = " + "(".repeat(100_000) + "1").writtenTables());
        assertEquals(SqlAnalysis.READ, SqlAnalyzer.analyze("SELECT '" + "x".repeat(MB)));
    }

    /**
     * The best of five re-runs of an input, to tell a slow input from a GC pause or a descheduled
     * thread (the build machine is shared) during its first run.
     */
    private static long rerunMicros(String sql) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            new SqlStatementParser(sql).parse();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1000;
    }

    /** Runs one input and checks the result's invariants; keeps count and the slowest runs. */
    private static final class Stats {
        private static final int KEEP = 16;
        long count;
        long slowestNanos;
        String slowest = "";
        /** The KEEP inputs with the longest first run, and their times. */
        final List<String> slowestInputs = new ArrayList<>();
        final List<Long> slowestTimes = new ArrayList<>();

        void run(String sql, int index) {
            long t0 = System.nanoTime();
            SqlAnalysis a;
            try {
                a = sql == null || sql.isEmpty() ? SqlAnalyzer.analyze(sql) : new SqlStatementParser(sql).parse();
            } catch (Throwable e) {
                throw new AssertionError("input #" + index + " (" + sql.length() + " chars) threw: "
                        + abbreviate(sql), e);
            }
            long nanos = System.nanoTime() - t0;
            count++;
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowest = sql;
            }
            if (slowestInputs.size() < KEEP) {
                slowestInputs.add(sql);
                slowestTimes.add(nanos);
            } else {
                int min = 0;
                for (int i = 1; i < KEEP; i++) {
                    if (slowestTimes.get(i) < slowestTimes.get(min)) {
                        min = i;
                    }
                }
                if (nanos > slowestTimes.get(min)) {
                    slowestInputs.set(min, sql);
                    slowestTimes.set(min, nanos);
                }
            }
            assertNotNull(a, sql);
            assertNotNull(a.kind(), sql);
            List<TableRef> tables = a.writtenTables();
            if (a.isRead() && !tables.isEmpty()) {
                fail("READ with tables for " + abbreviate(sql));
            }
            if (tables.size() > SqlAnalyzer.MAX_TABLES || new HashSet<>(tables).size() != tables.size()) {
                fail("too many or duplicate tables for " + abbreviate(sql));
            }
            for (TableRef t : tables) {
                if (t.name().isEmpty() || (t.schema() != null && t.schema().isEmpty())) {
                    fail("empty name part " + t + " for " + abbreviate(sql));
                }
            }
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.length() > 300 ? sql.substring(0, 300) + "..." : sql;
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static String randomChars(SplittableRandom rnd, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            int kind = rnd.nextInt(4);
            c[i] = (char) (kind == 0 ? rnd.nextInt(0x10000) : kind == 1 ? rnd.nextInt(0x80) : " ()'\"`[]$;*/-#\\.\n".charAt(rnd.nextInt(17)));
        }
        return new String(c);
    }

    private static String tokenSoup(SplittableRandom rnd, int tokens) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            b.append(rnd.nextInt(8) == 0 ? NASTY[rnd.nextInt(NASTY.length)] : WORDS[rnd.nextInt(WORDS.length)]);
            if (rnd.nextInt(4) != 0) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    /** Applies one to four random mutations: truncate, splice, duplicate, insert, delete, flip. */
    static String mutate(SplittableRandom rnd, String sql, String[] corpus) {
        StringBuilder b = new StringBuilder(sql);
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int len = b.length();
            int at = len == 0 ? 0 : rnd.nextInt(len + 1);
            switch (rnd.nextInt(7)) {
                case 0: b.setLength(at); break;
                case 1: {
                    String other = corpus[rnd.nextInt(corpus.length)];
                    b.setLength(at);
                    b.append(other, rnd.nextInt(other.length() + 1), other.length());
                    break;
                }
                case 2: {
                    int end = Math.min(len, at + rnd.nextInt(40));
                    b.insert(at, b.substring(at, end));
                    break;
                }
                case 3:
                case 4: b.insert(at, NASTY[rnd.nextInt(NASTY.length)]); break;
                case 5: b.delete(at, Math.min(len, at + rnd.nextInt(10))); break;
                default:
                    if (at < len) {
                        b.setCharAt(at, (char) rnd.nextInt(0x10000));
                    }
                    break;
            }
        }
        return b.toString();
    }

    private static List<String> pathological(SplittableRandom rnd) {
        StringBuilder manyInserts = new StringBuilder();
        StringBuilder manyMixed = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            manyInserts.append("INSERT INTO t").append(i).append(" VALUES (").append(i).append(");");
            manyMixed.append(WORDS[i % WORDS.length]).append(i % 7 == 0 ? ";" : " ");
        }
        StringBuilder manyTables = new StringBuilder("TRUNCATE ");
        for (int i = 0; manyTables.length() < MB; i++) {
            manyTables.append('t').append(i % (SqlAnalyzer.MAX_TABLES - 1)).append(", ");
        }
        String deepOpen = "(".repeat(100_000);
        String deepClose = ")".repeat(100_000);
        return List.of(
                randomChars(rnd, MB),
                tokenSoup(rnd, 200_000),
                "(".repeat(MB), ")".repeat(MB), "'".repeat(MB), "'".repeat(MB - 1), "\"".repeat(MB - 1),
                "`".repeat(MB - 1), "[".repeat(MB), "/*".repeat(MB / 2), "*/".repeat(MB / 2), "/*!".repeat(MB / 3),
                "$".repeat(MB), "$$".repeat(MB / 2) + "$", "$a".repeat(MB / 2), "#".repeat(MB), "-".repeat(MB),
                "\\".repeat(MB), ";".repeat(MB), "\0".repeat(MB), "\ud800".repeat(MB), "a.".repeat(MB / 2),
                "$" + "a".repeat(MB) + "$", "$a$" + "$a".repeat(MB / 2), "E'\\".repeat(MB / 3),
                "INSERT INTO t VALUES ('" + "x".repeat(MB), "SELECT /* " + "x".repeat(MB),
                "SELECT $q$ " + "$q".repeat(MB / 2), "UPDATE t SET a = '" + "\\'".repeat(MB / 2),
                "SELECT " + deepOpen + "1" + deepClose,
                "SELECT " + deepOpen + "1",
                "SELECT 1" + deepClose,
                "WITH x AS " + deepOpen + "DELETE FROM t" + deepClose + " SELECT 1",
                "UPDATE t SET a = " + deepOpen + "1" + deepClose + " WHERE b = 1",
                "UPDATE a JOIN b ON " + deepOpen + "1" + deepClose + " SET a.x = 1",
                "DELETE FROM t USING " + deepOpen + "SELECT 1" + deepClose + " x",
                "EXPLAIN " + deepOpen + "ANALYZE",
                "SELECT * FROM " + "FINAL TABLE (INSERT INTO t SELECT * FROM ".repeat(20_000),
                "(UPDATE t SET a = ".repeat(20_000),
                "INSERT INTO " + "a.".repeat(100_000) + "b VALUES (1)",
                "UPDATE " + "a, ".repeat(100_000) + "b SET x = 1",
                "UPDATE a SET " + "a.b = 1, ".repeat(100_000) + "c = 1",
                "DELETE " + "a.*, ".repeat(100_000) + "b FROM a, b",
                "BEGIN ".repeat(100_000) + "DELETE FROM t",
                "EXPLAIN ANALYZE ".repeat(50_000) + "DELETE FROM t",
                "TRUNCATE " + "t, ".repeat(100_000) + "u",
                "RENAME TABLE " + "a TO b, ".repeat(50_000) + "c TO d",
                "CREATE " + "OR ".repeat(100_000) + "TABLE t (a int)",
                manyInserts.toString(),
                manyTables.append('x').toString(),
                "UPDATE t SET a = 1;".repeat(10_000),
                manyMixed.toString());
    }
}
