package dev.cacheinvalidation.samples.staleness.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The application under test, one JVM per instance, forked by the checker (with the agent, or without it for
 * the baselines). It has no invalidation code except the before-commit baseline's eviction.
 *
 * <p>Protocol (lines on stdin/stdout): prints {@code @@ready}; on {@code run <ms>} runs the workload that long,
 * then quiesces (threads joined, open window probes resolved, the agent's {@code PendingInvalidations} at 0,
 * then {@code settle-ms}) and prints {@code @@quiesced}; on {@code compare} compares every cached entry with its
 * database row, prints {@code @@result}, {@code @@windows}, {@code @@examples} and {@code @@error} lines and
 * empties the cache for the next {@code run}; {@code exit} (or end of input) ends it. Arguments are
 * {@code key=value}: see {@link #main}.
 */
public final class CacheAsideApp {
  private CacheAsideApp() {}

  /**
   * Arguments: {@code db} (JDBC URL), {@code cache} ({@code caffeine}|{@code redis}|{@code versioned-redis}),
   * {@code redis} (URI), {@code eviction} ({@code agent}|{@code before-commit}|{@code none}), {@code readers},
   * {@code writers}, {@code seed}, {@code keys}, {@code paths} (comma list of {@code jdbc,jpa,graphql}),
   * {@code rollback-percent}, {@code read-delay-us}, {@code probe-timeout-ms}, {@code idle-timeout-ms},
   * {@code settle-ms}.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    JdbcConnectionPool dataSource = JdbcConnectionPool.create(options.get("db"), "sa", "");
    dataSource.setMaxConnections(64);
    List<String> paths = List.of(options.get("paths").split(","));
    SessionFactory jpa = paths.contains("jpa") ? sessionFactory(dataSource) : null;
    List<List<ItemWriter>> writerPaths = new ArrayList<>();
    try (ItemCache cache = cache(options.get("cache"), options.get("redis"))) {
      for (int i = 0; i < intOption(options, "writers"); i++) {
        writerPaths.add(openPaths(paths, dataSource, jpa));
      }
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      say("@@ready strategy=" + agentStrategy());
      int round = 0;
      for (String command; (command = commands.readLine()) != null && !command.equals("exit"); round++) {
        runRound(options, cache, dataSource, writerPaths, Long.parseLong(command.substring("run ".length())),
            Long.parseLong(options.get("seed")) * 1_000 + round, commands);
      }
    } finally {
      for (List<ItemWriter> writers : writerPaths) {
        for (ItemWriter writer : writers) {
          writer.close();
        }
      }
      if (jpa != null) {
        jpa.close();
      }
      dataSource.dispose();
    }
    System.exit(0);
  }

  /** One run: workload, quiescing, then (on {@code compare}) the comparison; the cache is emptied after it. */
  private static void runRound(Map<String, String> options, ItemCache cache, JdbcConnectionPool dataSource,
      List<List<ItemWriter>> writerPaths, long durationMillis, long seed, BufferedReader commands)
      throws Exception {
    InvalidationWindowProbe probe = new InvalidationWindowProbe(cache, intOption(options, "probe-timeout-ms"));
    Workload workload = new Workload(dataSource, cache, Eviction.parse(options.get("eviction")), probe,
        intOption(options, "keys"), intOption(options, "rollback-percent"), intOption(options, "read-delay-us"));
    workload.start(intOption(options, "readers"), writerPaths, seed);
    Thread.sleep(durationMillis);
    workload.stop();
    probe.drain();
    long pending = awaitAgentIdle(intOption(options, "idle-timeout-ms"));
    Thread.sleep(intOption(options, "settle-ms"));
    say("@@quiesced");
    commands.readLine();
    Comparison comparison = compare(cache, dataSource);
    // Each run starts from an empty cache; clearing here is the harness's, not an invalidation under test.
    cache.clear();
    say("@@result reads=" + workload.reads + " misses=" + workload.misses + " commits=" + workload.commits
        + " rollbacks=" + workload.rollbacks + " errors=" + workload.errors + " cached=" + comparison.cached
        + " stale=" + comparison.stale + " unobserved=" + probe.unobserved() + " dropped=" + probe.dropped()
        + " pending=" + pending);
    say("@@windows " + probe.windowsMicros().stream().map(String::valueOf).collect(Collectors.joining(",")));
    say("@@examples " + String.join(";", comparison.examples));
    say("@@error " + workload.firstError.get());
  }

  private static ItemCache cache(String kind, String redisUri) {
    return switch (kind) {
      case "caffeine" -> new CaffeineItemCache();
      case "redis" -> new RedisItemCache(redisUri);
      case "versioned-redis" -> new VersionedRedisItemCache(redisUri);
      default -> throw new IllegalArgumentException("cache: unknown cache '" + kind
          + "'; accepted: caffeine, redis, versioned-redis");
    };
  }

  private static List<ItemWriter> openPaths(List<String> paths, JdbcConnectionPool dataSource,
      SessionFactory jpa) throws Exception {
    List<ItemWriter> writers = new ArrayList<>();
    for (String path : paths) {
      switch (path) {
        case "jdbc" -> writers.add(new JdbcItemWriter(dataSource.getConnection()));
        case "jpa" -> writers.add(new JpaItemWriter(jpa));
        case "graphql" -> writers.add(new GraphQlItemWriter(dataSource.getConnection()));
        default -> throw new IllegalArgumentException("paths: unknown write path '" + path
            + "'; accepted: jdbc, jpa, graphql");
      }
    }
    // Warm each path up with a rolled-back write (class loading, JIT, the agent's first instrumentation) so
    // the measured phase is not a start-up phase. A rollback changes no row and invalidates nothing.
    for (ItemWriter writer : writers) {
      writer.write(0, false, () -> {});
    }
    return writers;
  }

  private static SessionFactory sessionFactory(JdbcConnectionPool dataSource) {
    Configuration configuration = new Configuration().addAnnotatedClass(Item.class);
    configuration.getProperties().put("hibernate.connection.datasource", dataSource);
    configuration.setProperty("hibernate.hbm2ddl.auto", "none");
    return configuration.buildSessionFactory();
  }

  /** The agent's effective {@code Strategy} (it falls back when one is unavailable), or {@code none}. */
  private static String agentStrategy() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName agent = new ObjectName("dev.cacheinvalidation:type=Agent");
    for (int i = 0; i < 300 && !server.isRegistered(agent); i++) {
      Thread.sleep(10);
    }
    return server.isRegistered(agent) ? (String) server.getAttribute(agent, "Strategy") : "none";
  }

  /** Waits (at most the timeout) for the agent's MBean to report nothing pending; -1 without the agent. */
  private static long awaitAgentIdle(int timeoutMillis) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName agent = new ObjectName("dev.cacheinvalidation:type=Agent");
    long pending = -1;
    for (int i = 0; i < timeoutMillis / 10; i++) {
      if (server.isRegistered(agent)) {
        pending = (Long) server.getAttribute(agent, "PendingInvalidations");
        if (pending == 0) {
          return 0;
        }
      } else if (i > 100) {
        return -1;
      }
      Thread.sleep(10);
    }
    return pending;
  }

  private record Comparison(int cached, int stale, List<String> examples) {}

  private static Comparison compare(ItemCache cache, JdbcConnectionPool dataSource) throws Exception {
    Map<String, String> entries = cache.entries();
    int stale = 0;
    List<String> examples = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("select version from item where id = ?")) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        select.setLong(1, Long.parseLong(entry.getKey().substring("item:".length())));
        try (ResultSet row = select.executeQuery()) {
          String current = row.next() ? Long.toString(row.getLong(1)) : "absent";
          if (!current.equals(entry.getValue())) {
            stale++;
            if (examples.size() < 5) {
              examples.add(entry.getKey() + " cached=" + entry.getValue() + " db=" + current);
            }
          }
        }
      }
    }
    return new Comparison(entries.size(), stale, examples);
  }

  private static int intOption(Map<String, String> options, String key) {
    return Integer.parseInt(options.get(key));
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
