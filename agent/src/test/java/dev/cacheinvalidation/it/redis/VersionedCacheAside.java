package dev.cacheinvalidation.it.redis;

import dev.cacheinvalidation.it.harness.RespClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Scenario-side (JDK only): the cache-aside recipe of the versioning strategy, as an application writes it.
 * The cache key carries the name's current version ({@code post:v<version>:<id>}); a miss reads the database
 * and caches the row with a TTL. {@link #staleReadsAfterCommits} commits a new value n times and reads it back
 * through the cache right after each {@code commit()} returned, counting reads that served an older value.
 */
final class VersionedCacheAside {
  private final Connection connection;
  private final RespClient redis;

  VersionedCacheAside(Connection connection, RespClient redis) {
    this.connection = connection;
    this.redis = redis;
  }

  String read(int id) throws Exception {
    Object version = redis.call("GET", "post:version");
    String key = "post:v" + (version == null ? "0" : version) + ":" + id;
    Object cached = redis.call("GET", key);
    if (cached != null) {
      return (String) cached;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT name FROM post WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        String value = row.getString(1);
        redis.call("SET", key, value, "EX", "300");
        return value;
      }
    }
  }

  int staleReadsAfterCommits(int rounds) throws Exception {
    int stale = 0;
    for (int round = 0; round < rounds; round++) {
      read(1); // warm the cache with the current value
      String value = "round-" + round;
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE post SET name = '" + value + "' WHERE id = 1");
      }
      connection.commit();
      connection.setAutoCommit(true);
      if (!value.equals(read(1))) {
        stale++;
      }
    }
    return stale;
  }
}
