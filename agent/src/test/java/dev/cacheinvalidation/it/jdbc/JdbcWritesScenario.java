package dev.cacheinvalidation.it.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cacheinvalidation.it.harness.Scenario;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Forked-JVM scenario (application code only): plain JDBC writes against one database, first directly through
 * the driver, then through HikariCP. Each step reports {@code @@ <mode>.<step>=<invalidation lines>} (see
 * {@link InvalidationLines#drain()}) and, where it matters, what an application cache held before and after
 * ({@code <mode>.<step>.before/after}: {@code present} or {@code gone}).
 *
 * <p>Arguments: {@code h2|postgresql|mariadb} and a run suffix that makes table names unique.
 */
public final class JdbcWritesScenario {
  private final String driver;
  private final String mode;
  private final String suffix;
  private final ConnectionSource source;
  private final InvalidationLines lines;
  private final Cache<String, String> cache;
  private final String a;
  private final String b;
  private final String c;
  private final String aliased;
  private final String ddl;

  interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private JdbcWritesScenario(String driver, String mode, String suffix, ConnectionSource source,
      InvalidationLines lines, Cache<String, String> cache) {
    this.driver = driver;
    this.mode = mode;
    this.suffix = suffix;
    this.source = source;
    this.lines = lines;
    this.cache = cache;
    this.a = "ci_a_" + suffix;
    this.b = "ci_b_" + suffix;
    this.c = "ci_c_" + suffix;
    this.aliased = "ci_d_" + suffix;
    this.ddl = "ci_ddl_" + suffix;
  }

  public static void main(String[] args) throws Exception {
    String driver = args[0];
    String run = args[1];
    InvalidationLines lines = InvalidationLines.install(run);
    Cache<String, String> cache = Caffeine.newBuilder().build();
    String url = url(driver);
    try {
      new JdbcWritesScenario(driver, "direct", run + "d", () -> DriverManager.getConnection(url), lines, cache)
          .runAll();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(2);
      config.setMinimumIdle(1);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        new JdbcWritesScenario(driver, "hikari", run + "h", pool::getConnection, lines, cache).runAll();
      }
    } finally {
      Scenario.report("outside", lines.drain());
      Scenario.report("done", true);
    }
  }

  private static boolean hasAgentSlot(Object jdbcObject) {
    for (Class<?> type = jdbcObject.getClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> implemented : type.getInterfaces()) {
        if (implemented.getName().equals("dev.cacheinvalidation.bridge.AgentSlot")) {
          return true;
        }
      }
    }
    return false;
  }

  static String url(String driver) {
    return switch (driver) {
      case "h2" -> "jdbc:h2:mem:writes;DB_CLOSE_DELAY=-1";
      case "postgresql" -> "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
      case "mariadb" -> "jdbc:mariadb://127.0.0.1:3306/test?user=root";
      default -> throw new IllegalArgumentException(driver);
    };
  }

  private void runAll() throws Exception {
    lines.drain();
    try (Connection connection = source.open(); PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
      // Whether this run keeps the agent's state in fields of these classes or in its weak maps.
      Scenario.report(mode + ".slots", hasAgentSlot(connection) + "," + hasAgentSlot(statement));
    }
    try {
      step("setup", () -> {
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
          for (String table : List.of(a, b, c, aliased)) {
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))");
          }
        }
      });
      autocommit();
      transaction();
      rollbacks();
      batches();
      returning();
      ddlAndAlias();
      closeAndAutoCommit();
    } catch (Exception | AssertionError e) {
      Scenario.report(mode + ".error", e.toString().replace('\n', ' '));
      throw e;
    } finally {
      step("teardown", () -> {
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
          for (String table : List.of(a, b, c, aliased, ddl)) {
            statement.execute("DROP TABLE IF EXISTS " + table);
          }
        }
      });
    }
  }

  private void autocommit() throws Exception {
    try (Connection connection = source.open()) {
      probedStep("insert", a, () -> {
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate("INSERT INTO " + a + " (id, v) VALUES (1, 'one')");
        }
      });
      probedStep("update", a, () -> {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + a + " SET v = ? WHERE id = ?")) {
          update.setString(1, "uno");
          update.setInt(2, 1);
          update.executeUpdate();
        }
      });
      probedStep("delete", a, () -> {
        try (Statement statement = connection.createStatement()) {
          statement.execute("DELETE FROM " + a + " WHERE id = 1");
        }
      });
      step("reads", () -> {
        try (Statement statement = connection.createStatement();
            PreparedStatement query = connection.prepareStatement("SELECT v FROM " + b + " WHERE id = ?")) {
          statement.executeQuery("SELECT COUNT(*) FROM " + a).close();
          statement.execute("SELECT v FROM " + c);
          query.setInt(1, 1);
          query.executeQuery().close();
        }
      });
      step("failedSetup", () -> {
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate("INSERT INTO " + b + " (id, v) VALUES (1, 'x')");
        }
      });
      step("failed", () -> {
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate("INSERT INTO " + b + " (id, v) VALUES (1, 'duplicate')");
        } catch (SQLException expected) {
          // the duplicate key fails: nothing may be invalidated for it
        }
      });
    }
  }

  private void transaction() throws Exception {
    try (Connection connection = source.open()) {
      connection.setAutoCommit(false);
      put(a, b, c);
      try (PreparedStatement insertA = connection.prepareStatement("INSERT INTO " + a + " (id, v) VALUES (?, ?)");
          Statement statement = connection.createStatement();
          PreparedStatement insertC = connection.prepareStatement("INSERT INTO " + c + " (id, v) VALUES (?, 'c')")) {
        for (int i = 0; i < 50; i++) {
          int id = 100 + i;
          switch (i % 3) {
            case 0 -> {
              insertA.setInt(1, id);
              insertA.setString(2, "a");
              insertA.executeUpdate();
            }
            case 1 -> statement.executeUpdate("INSERT INTO " + b + " (id, v) VALUES (" + id + ", 'b')");
            default -> {
              insertC.setInt(1, id);
              if (i % 2 == 0) {
                insertC.executeLargeUpdate();
              } else {
                insertC.execute();
              }
            }
          }
        }
      }
      Scenario.report(mode + ".tx.before", lines.drain() + " " + present(a, b, c));
      connection.commit();
      Scenario.report(mode + ".tx", lines.drain());
      Scenario.report(mode + ".tx.after", present(a, b, c));
      connection.setAutoCommit(true);
    }
  }

  private void rollbacks() throws Exception {
    try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      put(a);
      statement.executeUpdate("UPDATE " + a + " SET v = 'rolled back'");
      connection.rollback();
      Scenario.report(mode + ".rollback", lines.drain());
      Scenario.report(mode + ".rollback.after", present(a));

      put(a, b, c);
      statement.executeUpdate("UPDATE " + a + " SET v = 'kept'");
      Savepoint first = connection.setSavepoint();
      statement.executeUpdate("UPDATE " + b + " SET v = 'undone'");
      connection.rollback(first);
      Savepoint second = connection.setSavepoint("second");
      statement.executeUpdate("UPDATE " + c + " SET v = 'released'");
      connection.releaseSavepoint(second);
      Scenario.report(mode + ".savepoint.before", lines.drain() + " " + present(a, b, c));
      connection.commit();
      Scenario.report(mode + ".savepoint", lines.drain());
      Scenario.report(mode + ".savepoint.after", present(a, b, c));
      connection.setAutoCommit(true);
    }
  }

  private void batches() throws Exception {
    try (Connection connection = source.open()) {
      step("batch", () -> {
        try (Statement statement = connection.createStatement()) {
          statement.addBatch("INSERT INTO " + a + " (id, v) VALUES (300, 'batch')");
          statement.addBatch("UPDATE " + b + " SET v = 'batch' WHERE id = 101");
          statement.addBatch("DELETE FROM " + c + " WHERE id = -1"); // cleared: c must not be invalidated
          statement.clearBatch();
          statement.addBatch("INSERT INTO " + a + " (id, v) VALUES (300, 'batch')");
          statement.addBatch("UPDATE " + b + " SET v = 'batch' WHERE id = 101");
          statement.executeBatch();
        }
      });
      step("preparedBatch", () -> {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + c + " (id, v) VALUES (?, 'p')")) {
          for (int id = 310; id < 313; id++) {
            insert.setInt(1, id);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      });
      step("partialBatch", () -> {
        try (Statement statement = connection.createStatement()) {
          statement.addBatch("INSERT INTO " + a + " (id, v) VALUES (320, 'ok')");
          statement.addBatch("INSERT INTO " + b + " (id, v) VALUES (101, 'duplicate')");
          statement.addBatch("INSERT INTO " + c + " (id, v) VALUES (320, 'maybe')");
          statement.executeBatch();
          Scenario.report(mode + ".partialBatch.error", "none");
        } catch (SQLException expected) {
          Scenario.report(mode + ".partialBatch.error",
              expected instanceof BatchUpdateException ? "BatchUpdateException" : expected.toString());
        }
      });
      // Which entries stayed written is up to the driver (PostgreSQL rolls an autocommit batch back whole).
      List<String> persisted = new ArrayList<>();
      for (String table : List.of(a, c)) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE id = 320")) {
          rows.next();
          if (rows.getInt(1) == 1) {
            persisted.add(table.substring(0, table.length() - suffix.length() - 1));
          }
        }
      }
      Scenario.report(mode + ".partialBatch.persisted", String.join(",", persisted));
    }
  }

  private void returning() throws Exception {
    String insert = driver.equals("h2")
        ? "SELECT id FROM FINAL TABLE (INSERT INTO " + a + " (id, v) VALUES (%d, 'r'))"
        : "INSERT INTO " + a + " (id, v) VALUES (%d, 'r') RETURNING id";
    try (Connection connection = source.open()) {
      probedStep("returning", a, () -> {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(String.format(insert, 400))) {
          rows.next();
        }
      });
      probedStep("preparedReturning", a, () -> {
        try (PreparedStatement statement = connection.prepareStatement(String.format(insert, 401));
            ResultSet rows = statement.executeQuery()) {
          rows.next();
        }
      });
      if (driver.equals("postgresql")) {
        probedStep("cte", b, () -> {
          try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
              "WITH gone AS (DELETE FROM " + b + " WHERE id = 501 RETURNING id) SELECT COUNT(*) FROM gone")) {
            rows.next();
          }
        });
      }
    }
  }

  private void ddlAndAlias() throws Exception {
    try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
      cache.put("schema:x", "v");
      probedStep("ddl", ddl, () -> statement.execute("CREATE TABLE " + ddl + " (id INT)"));
      Scenario.report(mode + ".ddl.onDdl", cache.getIfPresent("schema:x") == null ? "gone" : "present");
      cache.put("aliased:1", "v");
      step("alias", () -> statement.executeUpdate("INSERT INTO " + aliased + " (id, v) VALUES (1, 'd')"));
      Scenario.report(mode + ".alias.after", cache.getIfPresent("aliased:1") == null ? "gone" : "present");
    }
  }

  private void closeAndAutoCommit() throws Exception {
    put(a);
    step("close", () -> {
      Connection connection = source.open();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + a + " (id, v) VALUES (500, 'open')");
      }
      connection.close();
    });
    Scenario.report(mode + ".close.after", present(a));
    try (Connection connection = source.open(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + a + " WHERE id = 500")) {
      rows.next();
      Scenario.report(mode + ".close.persisted", rows.getInt(1) == 1);
    }
    try (Connection connection = source.open()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + b + " (id, v) VALUES (501, 'auto')");
      }
      put(b);
      Scenario.report(mode + ".autoCommitOn.before", lines.drain() + " " + present(b));
      connection.setAutoCommit(true);
      Scenario.report(mode + ".autoCommitOn", lines.drain());
      Scenario.report(mode + ".autoCommitOn.after", present(b));
    }
  }

  // ---- helpers ----

  interface Action {
    void run() throws Exception;
  }

  private void step(String name, Action action) throws Exception {
    lines.drain();
    action.run();
    Scenario.report(mode + "." + name, lines.drain());
  }

  /** A step after which the cache entry of {@code table} must be gone, and before which it was present. */
  private void probedStep(String name, String table, Action action) throws Exception {
    put(table);
    step(name, action);
    Scenario.report(mode + "." + name + ".after", present(table));
  }

  private void put(String... tables) {
    for (String table : tables) {
      cache.put(table + ":1", "cached");
    }
  }

  /** For each table, {@code present} or {@code gone}: whether its cache entry is still there. */
  private String present(String... tables) {
    List<String> out = new ArrayList<>();
    for (String table : tables) {
      out.add(cache.getIfPresent(table + ":1") == null ? "gone" : "present");
    }
    return String.join(",", out);
  }
}
