package dev.cacheinvalidation.it.redis;

import dev.cacheinvalidation.it.harness.RespClient;
import dev.cacheinvalidation.it.harness.Scenario;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Forked-JVM scenario (application code only): an H2 in-memory database with tables {@code category},
 * {@code post} and {@code tag}, written on command from the test:
 * <ul>
 *   <li>{@code update <table>}: one autocommit UPDATE; answers {@code updated <table>}
 *   <li>{@code rollback <table>}: an UPDATE in a transaction that rolls back; answers {@code rolledback <table>}
 *   <li>{@code tx <table> <n>}: one transaction with n UPDATEs, committed; answers {@code committed <table>}
 *   <li>{@code cacheaside <redis port> <n>}: n commits each read back through {@link VersionedCacheAside};
 *       answers {@code stale <count>}
 *   <li>{@code exit}
 * </ul>
 * Each command is answered with {@code step<N>=<what>} (N counts commands from 1), printed after
 * {@code commit()} (or the autocommit statement) returned.
 */
public final class JdbcCommandsScenario {
  private JdbcCommandsScenario() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:redis;DB_CLOSE_DELAY=-1")) {
      try (Statement statement = connection.createStatement()) {
        for (String table : new String[] {"category", "post", "tag"}) {
          statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(100))");
          statement.execute("INSERT INTO " + table + " VALUES (1, 'first')");
        }
      }
      Scenario.report("ready", ProcessHandle.current().pid());
      int step = 0;
      for (String command; (command = Scenario.awaitCommand()) != null; ) {
        step++;
        String[] words = command.split(" ");
        switch (words[0]) {
          case "update" -> {
            update(connection, words[1], 0);
            Scenario.report("step" + step, "updated " + words[1]);
          }
          case "rollback" -> {
            connection.setAutoCommit(false);
            update(connection, words[1], 0);
            connection.rollback();
            connection.setAutoCommit(true);
            Scenario.report("step" + step, "rolledback " + words[1]);
          }
          case "tx" -> {
            connection.setAutoCommit(false);
            int writes = Integer.parseInt(words[2]);
            for (int i = 0; i < writes; i++) {
              update(connection, words[1], i);
            }
            connection.commit();
            connection.setAutoCommit(true);
            Scenario.report("step" + step, "committed " + words[1]);
          }
          case "cacheaside" -> {
            try (RespClient redis = RespClient.to(Integer.parseInt(words[1]))) {
              int stale = new VersionedCacheAside(connection, redis).staleReadsAfterCommits(
                  Integer.parseInt(words[2]));
              Scenario.report("step" + step, "stale " + stale);
            }
          }
          case "exit" -> {
            return;
          }
          default -> Scenario.report("unknown", command);
        }
      }
    }
  }

  private static void update(Connection connection, String table, int round) throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE " + table + " SET name = 'v" + round + "-" + System.nanoTime()
          + "' WHERE id = 1");
    }
  }
}
