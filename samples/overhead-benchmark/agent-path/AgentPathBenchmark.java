import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.pipeline.AgentStatistics;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.pipeline.InvalidationDispatcher;
import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.PipelineSettings;
import dev.cacheinvalidation.agent.pipeline.RuleSet;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.agent.source.jdbc.JdbcWriteSource;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineCacheRegistry;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineStrategy;
import dev.cacheinvalidation.bridge.CallDepth;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;

/**
 * The agent's own per-statement work, measured in one process where a busy machine disturbs it far less than
 * the forked-JVM harness: {@code JdbcWriteSource} called exactly as the JDBC advice calls it (with the
 * per-thread call-depth counter) on real H2 prepared statements, the JDBC calls a pooled JPA transaction makes
 * (prepare, execute outside autocommit, commit, close), and the Caffeine strategy with no application cache, with
 * one unnamed cache of 1,000 entries and with one named cache of 1,000 entries. Prints this thread's CPU ns per
 * call, after warm-up.
 *
 * <p>Run as a single source file against the agent's unshaded classes; see docs/performance.md for the command.
 * Not thread-safe; single-threaded by design.
 */
public final class AgentPathBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static void pooledTransaction(JdbcWriteSource sink, Connection connection, PreparedStatement insert,
      String insertSql) {
    sink.prepared(connection, insert, insertSql);
    sink.executedPrepared(insert, null);
    sink.committed(connection, null);
    sink.closed(connection, null);
  }

  public static void main(String[] args) throws Exception {
    AgentStatistics statistics = new AgentStatistics();
    CaffeineCacheRegistry registry = new CaffeineCacheRegistry();
    WritePipeline pipeline = new WritePipeline(
        new PipelineSettings(true, EnumSet.allOf(Source.class), new RuleSet(AgentConfig.defaults()),
            List.of(new CaffeineStrategy(registry)), 0),
        new NameCatalog(Map.of()), statistics, new InvalidationDispatcher(statistics,
            Executors.newSingleThreadExecutor(), Executors.newSingleThreadScheduledExecutor()));
    JdbcWriteSource sink = new JdbcWriteSource(pipeline, 10_000, List::of);
    Connection h2 = DriverManager.getConnection("jdbc:h2:mem:agent-path");
    try (Statement ddl = h2.createStatement()) {
      ddl.execute("CREATE TABLE entry (id INT, val VARCHAR(64))");
    }
    String selectSql = "SELECT id FROM entry WHERE id = ?";
    String insertSql = "INSERT INTO entry (val) VALUES (?)";
    PreparedStatement select = h2.prepareStatement(selectSql);
    PreparedStatement insert = h2.prepareStatement(insertSql);
    sink.prepared(h2, select, selectSql);
    sink.prepared(h2, insert, insertSql);
    CallDepth depth = new CallDepth();
    // What Hibernate does on a pooled connection per transaction: prepare the INSERT anew, execute it outside
    // autocommit, commit, give the connection back (close). The agent's per-connection state comes and goes.
    Connection transactional = DriverManager.getConnection("jdbc:h2:mem:agent-path");
    transactional.setAutoCommit(false);
    PreparedStatement[] pooledInserts = new PreparedStatement[16];
    for (int i = 0; i < pooledInserts.length; i++) {
      pooledInserts[i] = transactional.prepareStatement(insertSql);
    }
    CaffeineStrategy strategy = new CaffeineStrategy(registry);
    Invalidation invalidation =
        new Invalidation(1, "jdbc", List.of("entry"), List.of("entry:*"), System.nanoTime());

    for (int round = 0; round < 5; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 2_000_000; i++) {
        if (depth.getAndIncrement() == 0) {
          depth.decrementAndGet();
          sink.executedPrepared(select, null);
        }
      }
      double read = (THREADS.getCurrentThreadCpuTime() - start) / 2e6;
      start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 500_000; i++) {
        if (depth.getAndIncrement() == 0) {
          depth.decrementAndGet();
          sink.executedPrepared(insert, null);
        }
      }
      double write = (THREADS.getCurrentThreadCpuTime() - start) / 5e5;
      start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 2_000_000; i++) {
        strategy.apply(invalidation);
      }
      double noCache = (THREADS.getCurrentThreadCpuTime() - start) / 2e6;
      start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 200_000; i++) {
        pooledTransaction(sink, transactional, pooledInserts[i & (pooledInserts.length - 1)], insertSql);
      }
      double transaction = (THREADS.getCurrentThreadCpuTime() - start) / 2e5;
      System.out.printf("prepared read %.1f ns, prepared write (autocommit) %.1f ns, "
          + "caffeine strategy without application cache %.1f ns, "
          + "JDBC calls of one pooled JPA transaction %.0f ns%n", read, write, noCache, transaction);
    }

    // An application cache: the agent reaches it through asMap(), as it does the application's own Caffeine.
    com.github.benmanes.caffeine.cache.Cache<Object, Object> cache =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).build();
    ConcurrentMap<Object, Object> entries = cache.asMap();
    for (int i = 0; i < 1_000; i++) {
      entries.put("other:" + i, "value " + i);
    }
    registry.caffeineCacheBuilt(cache);
    for (int round = 0; round < 5; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 3_000; i++) {
        strategy.apply(invalidation);
      }
      System.out.printf("caffeine strategy, one application cache of 1,000 entries: %.0f ns%n",
          (THREADS.getCurrentThreadCpuTime() - start) / 3e3);
    }
    java.lang.ref.Reference.reachabilityFence(cache);
    // A named cache (Spring's @Cacheable) that no pattern can address: skipped without walking its keys.
    CaffeineCacheRegistry namedRegistry = new CaffeineCacheRegistry();
    com.github.benmanes.caffeine.cache.Cache<Object, Object> named =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).build();
    for (int i = 0; i < 1_000; i++) {
      named.put(i, "value " + i);
    }
    namedRegistry.cacheNamed("categories", named);
    CaffeineStrategy namedStrategy = new CaffeineStrategy(namedRegistry);
    for (int round = 0; round < 5; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < 300_000; i++) {
        namedStrategy.apply(invalidation);
      }
      System.out.printf("caffeine strategy, one named cache of 1,000 entries the pattern cannot address: %.0f ns%n",
          (THREADS.getCurrentThreadCpuTime() - start) / 3e5);
    }
    java.lang.ref.Reference.reachabilityFence(named); // the registry holds caches weakly
    h2.close();
    System.exit(0); // the dispatcher's executors are not daemon threads
  }
}
