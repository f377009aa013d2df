package dev.cacheinvalidation.samples.overhead.child;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Plain JDBC on H2 in memory, autocommit, one connection, statements prepared once (as a statement cache
 * would): the per-statement cost of a prepared INSERT, UPDATE and SELECT (executeQuery and reading the row).
 *
 * <p>Not thread-safe.
 */
final class JdbcWorkloads implements AutoCloseable {
  /** Rows updated and selected, cycled through so every call touches an existing row. */
  static final int ROWS = 1_000;

  private final Connection connection;

  JdbcWorkloads() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:jdbc;DB_CLOSE_DELAY=-1");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, val VARCHAR(64))");
      ddl.execute("CREATE TABLE entry (id BIGINT AUTO_INCREMENT PRIMARY KEY, val VARCHAR(64))");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (id, val) VALUES (?, ?)")) {
      for (int id = 0; id < ROWS; id++) {
        insert.setLong(1, id);
        insert.setString(2, "item " + id);
        insert.executeUpdate();
      }
    }
  }

  List<Workload> workloads() throws SQLException {
    return List.of(new Insert(), new Update(), new Select());
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  private final class Insert extends Workload {
    private final PreparedStatement insert = connection.prepareStatement("INSERT INTO entry (val) VALUES (?)");

    Insert() throws SQLException {
      super("jdbc.insert", true);
    }

    @Override
    void run(int count) throws SQLException {
      for (int i = 0; i < count; i++) {
        insert.setString(1, "entry");
        insert.executeUpdate();
      }
    }

    @Override
    void reset() throws SQLException {
      try (Statement truncate = connection.createStatement()) {
        truncate.execute("TRUNCATE TABLE entry");
      }
    }
  }

  private final class Update extends Workload {
    private final PreparedStatement update = connection.prepareStatement("UPDATE item SET val = ? WHERE id = ?");
    private int next;

    Update() throws SQLException {
      super("jdbc.update", true);
    }

    @Override
    void run(int count) throws SQLException {
      for (int i = 0; i < count; i++) {
        update.setString(1, (next & 1) == 0 ? "even" : "odd");
        update.setLong(2, next++ % ROWS);
        update.executeUpdate();
      }
    }
  }

  private final class Select extends Workload {
    private final PreparedStatement select = connection.prepareStatement("SELECT id, val FROM item WHERE id = ?");
    private int next;
    /** Written to a field so the JIT cannot drop the reading. */
    long checksum;

    Select() throws SQLException {
      super("jdbc.select", false);
    }

    @Override
    void run(int count) throws SQLException {
      for (int i = 0; i < count; i++) {
        select.setLong(1, next++ % ROWS);
        try (ResultSet row = select.executeQuery()) {
          if (row.next()) {
            checksum += row.getLong(1) + row.getString(2).length();
          }
        }
      }
    }
  }
}
