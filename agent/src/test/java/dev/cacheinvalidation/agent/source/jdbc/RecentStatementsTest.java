package dev.cacheinvalidation.agent.source.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.Write;
import dev.cacheinvalidation.agent.sql.CachingSqlAnalyzer;
import dev.cacheinvalidation.agent.sql.SqlAnalyzer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentStatementsTest {
  private static final int MAX_LENGTH = 200;
  private final RecentStatements statements = new RecentStatements(new CachingSqlAnalyzer(100, MAX_LENGTH), MAX_LENGTH);

  private static List<String> names(List<Write> writes) {
    return writes.stream().map(Write::name).toList();
  }

  @Test
  void oneEntryPerStringWhetherTheSameInstanceOrAnEqualOne() {
    String sql = "INSERT INTO category (id) VALUES (?)";
    AnalyzedSql first = statements.analyze(sql);
    assertSame(first, statements.analyze(sql));
    assertSame(first, statements.analyze(new String(sql.toCharArray())));
    assertEquals(SqlAnalyzer.analyze(sql), first.analysis);
  }

  @Test
  void stringsThatShareASlotNeverGetEachOthersAnalysis() {
    // "Aa" and "BB" have the same hash code, so these two land in the same slot.
    String insert = "INSERT INTO Aa VALUES (1)";
    String update = "INSERT INTO BB VALUES (1)";
    assertEquals(insert.hashCode(), update.hashCode());
    NameCatalog catalog = new NameCatalog(Map.of());
    for (int round = 0; round < 3; round++) {
      assertEquals(List.of("Aa"), names(statements.analyze(insert).writes(catalog)));
      assertEquals(List.of("BB"), names(statements.analyze(update).writes(catalog)));
    }
  }

  @Test
  void longStringsAreAnalysedEachTimeAndNeverKept() {
    String sql = "UPDATE post SET body = '" + "x".repeat(MAX_LENGTH) + "'";
    AnalyzedSql first = statements.analyze(sql);
    assertNotSame(first, statements.analyze(sql));
    assertEquals(List.of("post"), names(first.writes(new NameCatalog(Map.of()))));
  }

  @Test
  void readsAndNullAreReads() {
    assertTrue(statements.analyze("SELECT * FROM post").isRead());
    assertTrue(statements.analyze(null).isRead());
    assertTrue(statements.analyze("").isRead());
  }

  @Test
  void resolvedNamesFollowTheCatalogAsItLearnsAndReloads() {
    NameCatalog catalog = new NameCatalog(Map.of());
    AnalyzedSql sql = statements.analyze("DELETE FROM blog_category WHERE id = ?");
    List<Write> before = sql.writes(catalog);
    assertEquals(List.of("blog_category"), names(before));
    assertSame(before, sql.writes(catalog), "kept while the catalog is unchanged");

    catalog.learnTable("blog_category", List.of("Category"));
    assertEquals(List.of("Category"), names(sql.writes(catalog)));

    catalog.setAliases(Map.of("blog_category", "Aliased"));
    assertEquals(List.of("Aliased"), names(sql.writes(catalog)));

    catalog.setAliases(Map.of());
    assertEquals(List.of("Category"), names(sql.writes(catalog)));
  }

  @Test
  void aNameFirstRememberedLaterChangesHowAnUnmappedTableIsDisplayed() {
    NameCatalog catalog = new NameCatalog(Map.of());
    AnalyzedSql sql = statements.analyze("UPDATE note SET text = ?");
    assertEquals(List.of("note"), names(sql.writes(catalog)));
    catalog.remember("Note");
    assertEquals(List.of("Note"), names(sql.writes(catalog)));
  }
}
