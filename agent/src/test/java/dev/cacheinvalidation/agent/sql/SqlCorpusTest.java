package dev.cacheinvalidation.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs every statement of {@code sql/corpus.txt} (real-world SQL from Hibernate, Spring, Flyway,
 * Liquibase, jOOQ, MyBatis, dumps and hand-written code in the H2, PostgreSQL and MySQL/MariaDB
 * dialects) through {@link SqlAnalyzer} and compares kind and written tables. Reports every mismatch
 * with its statement, not only the first.
 */
class SqlCorpusTest {

    /** One corpus entry. */
    record Entry(int line, String dialect, StatementKind kind, List<String> tables, String sql) {
    }

    static List<Entry> load() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = SqlCorpusTest.class.getResourceAsStream("/sql/corpus.txt")) {
            assertNotNull(in, "sql/corpus.txt missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = null;
            int headerLine = 0;
            StringBuilder sql = new StringBuilder();
            int lineNo = 0;
            for (String line = r.readLine(); ; line = r.readLine()) {
                lineNo++;
                boolean boundary = line == null || line.startsWith("@@");
                if (boundary && header != null) {
                    entries.add(entry(headerLine, header, sql.toString().strip()));
                    header = null;
                }
                if (line == null) {
                    break;
                }
                if (line.startsWith("@@@")) {
                    continue;
                }
                if (line.startsWith("@@ ")) {
                    header = line.substring(3).split("\\|");
                    assertEquals(3, header.length, "bad header at line " + lineNo + ": " + line);
                    headerLine = lineNo;
                    sql.setLength(0);
                } else if (header != null) {
                    sql.append(line).append('\n');
                }
            }
        }
        return entries;
    }

    private static Entry entry(int line, String[] h, String sql) {
        String tables = h[2].strip();
        List<String> list = new ArrayList<>();
        if (!tables.equals("-")) {
            for (String t : tables.split(",")) {
                list.add(t.strip());
            }
        }
        return new Entry(line, h[0].strip(), StatementKind.valueOf(h[1].strip()), list, sql);
    }

    @Test
    void corpusMatchesExpectations() throws IOException {
        List<Entry> entries = load();
        Map<String, Integer> perDialect = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (Entry e : entries) {
            perDialect.merge(e.dialect(), 1, Integer::sum);
            assertTrue(!e.sql().isEmpty(), "empty statement at line " + e.line());
            SqlAnalysis a = SqlAnalyzer.analyze(e.sql());
            List<String> actual = a.writtenTables().stream().map(TableRef::qualifiedName).collect(Collectors.toList());
            if (a.kind() != e.kind() || !actual.equals(e.tables())) {
                mismatches.add("line " + e.line() + " [" + e.dialect() + "] expected " + e.kind() + " " + e.tables()
                        + " but was " + a.kind() + " " + actual + "\n    " + e.sql().replace("\n", "\n    "));
            }
        }
        System.out.println("SqlCorpusTest: " + entries.size() + " statements " + perDialect + ", "
                + mismatches.size() + " mismatches");
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + entries.size() + " corpus statements mismatch:\n"
                    + String.join("\n", mismatches));
        }
        assertTrue(entries.size() >= 300, "corpus too small: " + entries.size());
    }

    @Test
    void cachedAnalyzerAgreesOnCorpus() throws IOException {
        CachingSqlAnalyzer cached = new CachingSqlAnalyzer(10_000, 16_384);
        for (Entry e : load()) {
            SqlAnalysis first = cached.analyze(e.sql());
            assertEquals(SqlAnalyzer.analyze(e.sql()), first, e.sql());
            assertTrue(first == cached.analyze(e.sql()), "no cache hit for " + e.sql());
        }
    }
}
