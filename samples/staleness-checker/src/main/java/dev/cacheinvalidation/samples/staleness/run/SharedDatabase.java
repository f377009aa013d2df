package dev.cacheinvalidation.samples.staleness.run;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.tools.Server;

/**
 * The database every application instance of a run shares: an in-memory H2 database served over TCP on a free
 * loopback port by this (agent-free) process, so that two JVMs see one set of rows without PostgreSQL.
 * Not thread-safe.
 */
final class SharedDatabase implements AutoCloseable {
  private static final String NAME = "mem:staleness";

  private final Server server;
  private final Connection keepAlive;

  SharedDatabase() throws SQLException, IOException {
    server = Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-ifNotExists").start();
    keepAlive = DriverManager.getConnection("jdbc:h2:" + NAME + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  /** The URL the applications use; lock waits are long so a paused peer does not fail writes. */
  String url() {
    return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + NAME + ";LOCK_TIMEOUT=10000";
  }

  /** Recreates table {@code item} with rows {@code 0..keys-1} at version 0. */
  void reset(int keys) throws SQLException {
    try (Statement ddl = keepAlive.createStatement()) {
      ddl.execute("drop table if exists item");
      ddl.execute("create table item (id bigint primary key, version bigint not null, payload varchar(100))");
    }
    try (PreparedStatement insert = keepAlive.prepareStatement("insert into item values (?, 0, 'seed')")) {
      for (int id = 0; id < keys; id++) {
        insert.setLong(1, id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws SQLException {
    keepAlive.close();
    server.stop();
  }
}
