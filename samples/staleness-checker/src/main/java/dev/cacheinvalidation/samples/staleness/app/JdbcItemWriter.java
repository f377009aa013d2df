package dev.cacheinvalidation.samples.staleness.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on its own connection: {@code UPDATE}, read back the version, commit or roll back. */
final class JdbcItemWriter implements ItemWriter {
  private final Connection connection;

  JdbcItemWriter(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
  }

  @Override
  public long write(long id, boolean commit, Runnable beforeCommit) throws SQLException {
    long version;
    try (PreparedStatement update =
        connection.prepareStatement("update item set version = version + 1, payload = ? where id = ?")) {
      update.setString(1, "jdbc-" + System.nanoTime());
      update.setLong(2, id);
      update.executeUpdate();
    }
    try (PreparedStatement select = connection.prepareStatement("select version from item where id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        version = row.getLong(1);
      }
    }
    if (!commit) {
      connection.rollback();
      return ROLLED_BACK;
    }
    beforeCommit.run();
    connection.commit();
    return version;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
