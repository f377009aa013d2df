package dev.cacheinvalidation.it.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.it.harness.Scenario;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.TreeSet;

/**
 * Forked-JVM scenario (application code only): one Caffeine cache, one H2 table, one transaction that updates
 * it and commits, then one that rolls back. Reports the cache's keys after each ({@code @@ after-commit},
 * {@code @@ after-rollback}); the agent's debug trail goes to standard error.
 */
public final class DecisionTrailScenario {
  private DecisionTrailScenario() {}

  public static void main(String[] args) throws Exception {
    Cache<String, String> cache = Caffeine.newBuilder().build();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:trail;DB_CLOSE_DELAY=-1")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE category (id INT PRIMARY KEY, name VARCHAR(50))");
        statement.execute("INSERT INTO category VALUES (1, 'Books'), (2, 'Music')");
      }
      cache.put("category:1", "Books");
      cache.put("category:2", "Music");
      cache.put("post:1", "Hello");
      connection.setAutoCommit(false);
      System.err.println("--- scenario: commit ---");
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE category SET name = 'Novels' WHERE id = 1");
      }
      connection.commit();
      Scenario.report("after-commit", new TreeSet<>(cache.asMap().keySet()));
      cache.put("category:1", "Novels");
      System.err.println("--- scenario: rollback ---");
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE category SET name = 'Poems' WHERE id = 1");
      }
      connection.rollback();
      Scenario.report("after-rollback", new TreeSet<>(cache.asMap().keySet()));
    }
  }
}
