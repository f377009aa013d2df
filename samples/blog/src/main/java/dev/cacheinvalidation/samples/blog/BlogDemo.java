package dev.cacheinvalidation.samples.blog;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.management.ObjectName;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The narrated demo: fill the cache, commit a write, watch the entry go; roll a write back, watch the cache
 * stay; print the agent's JMX counters. Run it with {@code -javaagent:agent/target/cache-invalidation-agent.jar}
 * (and without, to see the stale read the agent prevents).
 */
public final class BlogDemo {
  private BlogDemo() {}

  public static void main(String[] args) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:blog;DB_CLOSE_DELAY=-1");
    try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
      ddl.execute("create table category (id bigint primary key, name varchar(100))");
      ddl.execute("insert into category values (1, 'Books'), (2, 'Music')");
    }
    CategoryRepository categories = new CategoryRepository(dataSource);

    say("1. Read categories 1 and 2 through the cache: %s, %s", categories.name(1), categories.name(2));
    say("   cached keys: %s", categories.cachedKeys());

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      update(connection, 1, "Novels");
      say("2. Renamed category 1 to 'Novels' inside a transaction, not yet committed.");
      say("   cached keys before commit: %s (readers still see the committed 'Books')", categories.cachedKeys());
      connection.commit();
    }
    say("   committed; cached keys after commit: %s", categories.cachedKeys());
    say("   read category 1 again: %s", categories.name(1));

    categories.name(2);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      update(connection, 2, "Noise");
      connection.rollback();
    }
    say("3. Renamed category 2 and rolled back; cached keys: %s; category 2 is still: %s",
        categories.cachedKeys(), categories.name(2));

    ObjectName agent = new ObjectName("dev.cacheinvalidation:type=Agent");
    Thread.sleep(500); // the agent registers its MBean shortly after start-up
    if (ManagementFactory.getPlatformMBeanServer().isRegistered(agent)) {
      var server = ManagementFactory.getPlatformMBeanServer();
      say("4. Agent counters over JMX: WritesDetected=%s InvalidationsIssued=%s Strategy=%s",
          server.getAttribute(agent, "WritesDetected"), server.getAttribute(agent, "InvalidationsIssued"),
          server.getAttribute(agent, "Strategy"));
    } else {
      say("4. No agent MBean: run with -javaagent:agent/target/cache-invalidation-agent.jar to keep the cache right.");
    }
  }

  private static void update(Connection connection, long id, String name) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("update category set name = ? where id = ?")) {
      update.setString(1, name);
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
