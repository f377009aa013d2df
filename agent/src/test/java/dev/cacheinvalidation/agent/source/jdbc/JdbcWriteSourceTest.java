package dev.cacheinvalidation.agent.source.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.pipeline.AgentStatistics;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.pipeline.InvalidationDispatcher;
import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.pipeline.PipelineSettings;
import dev.cacheinvalidation.agent.pipeline.RuleSet;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.UnitOfWork;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.agent.sql.StatementKind;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink alone, called the way the advice calls it, on real H2 connections. The integration test covers the
 * known drivers end to end; this covers what no bundled driver shows: a driver the agent does not know (a
 * {@link Proxy} around H2 looks like one), writes whose tables are unknown, and the update-count rules.
 */
class JdbcWriteSourceTest {
  private final AgentStatistics statistics = new AgentStatistics();
  private final WritePipeline pipeline = new WritePipeline(
      new PipelineSettings(true, EnumSet.of(Source.JDBC), new RuleSet(AgentConfig.defaults()), List.of(), 0),
      new NameCatalog(Map.of("aliased_table", "Aliased")), statistics,
      new InvalidationDispatcher(statistics, Executors.newSingleThreadExecutor(),
          Executors.newSingleThreadScheduledExecutor()));
  private final List<String> seen = new ArrayList<>();
  private final JdbcWriteSource sink = new JdbcWriteSource(pipeline, 100, () -> List.of("schema:*"));
  private final String url = "jdbc:h2:mem:sink" + System.nanoTime();
  private final Connection h2;

  JdbcWriteSourceTest() throws Exception {
    pipeline.addListener(this::seen);
    h2 = DriverManager.getConnection(url);
    try (Statement statement = h2.createStatement()) {
      statement.execute("CREATE TABLE t (id INT)");
    }
  }

  @AfterEach
  void close() throws Exception {
    h2.close();
  }

  private void seen(Invalidation invalidation) {
    seen.add(invalidation.names().isEmpty() ? "P" + invalidation.patterns() : "N" + invalidation.names());
  }

  /** A connection of a driver the agent does not know: every call goes to H2. */
  private Connection unknownDriver() {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("isWrapperFor")) {
        return false;
      }
      try {
        return method.invoke(h2, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  private Statement statementOf(Connection connection) throws Exception {
    Statement real = h2.createStatement();
    return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
        (proxy, method, args) -> method.getName().equals("getConnection") ? connection : method.invoke(real, args));
  }

  @Test
  void anUnknownDriverClosedWithAnOpenTransactionIsInvalidatedBecauseItMayHaveCommitted() throws Exception {
    Connection connection = unknownDriver();
    connection.setAutoCommit(false);
    Statement statement = statementOf(connection);
    sink.executed(statement, "UPDATE t SET id = 2");
    assertEquals(List.of(), seen);
    sink.closed(connection, null);
    assertEquals(List.of("N[t]"), seen);
  }

  @Test
  void aKnownDriverClosedWithAnOpenTransactionIsDiscarded() throws Exception {
    h2.setAutoCommit(false);
    Statement statement = h2.createStatement();
    sink.executed(statement, "UPDATE t SET id = 2");
    sink.closed(h2, null);
    assertEquals(List.of(), seen);
  }

  @Test
  void ddlInATransactionOfAnUnknownDriverInvalidatesNowAndAgainAtCommit() throws Exception {
    Connection connection = unknownDriver();
    connection.setAutoCommit(false);
    Statement statement = statementOf(connection);
    sink.executed(statement, "INSERT INTO t VALUES (1)");
    sink.executed(statement, "ALTER TABLE aliased_table ADD COLUMN x INT");
    assertEquals(List.of("N[t, Aliased]", "P[schema:*]"), seen);
    sink.committed(connection, null);
    assertEquals(List.of("N[t, Aliased]", "P[schema:*]", "N[t, Aliased]", "P[schema:*]"), seen);
  }

  @Test
  void ddlOnH2CommitsTheOpenTransactionAtOnce() throws Exception {
    h2.setAutoCommit(false);
    Statement statement = h2.createStatement();
    sink.executed(statement, "INSERT INTO t VALUES (1)");
    sink.executed(statement, "CREATE TABLE u (id INT)");
    assertEquals(List.of("N[t, u]", "P[schema:*]"), seen);
    sink.rolledBack(h2, null);
    assertEquals(2, seen.size());
  }

  /**
   * A Hibernate flush action covers its SQL on the session's connection: the write joins the session's unit and
   * the connection keeps no transaction of its own; a write on another connection meanwhile is not covered.
   */
  @Test
  void aWriteUnderACoverJoinsTheCoveringUnitOnlyOnTheCoveredConnection() throws Exception {
    h2.setAutoCommit(false);
    UnitOfWork session = pipeline.newUnit("jpa");
    Object cover = pipeline.openCover(session, h2);
    try (Connection other = DriverManager.getConnection(url)) {
      assertNull(pipeline.openCover(pipeline.newUnit("nested"), h2), "covers do not nest");
      sink.executed(h2.createStatement(), "INSERT INTO t VALUES (1)");
      sink.executed(other.createStatement(), "INSERT INTO t VALUES (2)"); // autocommit: invalidated at once
      assertEquals(List.of("N[t]"), seen);
    } finally {
      pipeline.closeCover(cover);
    }
    assertNull(pipeline.coveringUnit(h2), "closed");
    sink.committed(h2, null);
    assertEquals(1, seen.size(), "the covered write is the session's, not the connection's");
    pipeline.commit(session);
    assertEquals(List.of("N[t]", "N[t]"), seen);
  }

  @Test
  void aWriteWhoseTablesAreUnknownInvalidatesEverything() throws Exception {
    sink.executed(h2.createStatement(), "RUNSCRIPT FROM 'nothing.sql'");
    assertEquals(List.of("P[*]"), seen);
  }

  @Test
  void readsAndSwitchedOffSourcesInvalidateNothing() throws Exception {
    Statement statement = h2.createStatement();
    sink.executed(statement, "SELECT * FROM t");
    sink.prepared(h2, statement, "SELECT * FROM t WHERE id = ?");
    sink.executedPrepared(statement, null);
    pipeline.update(pipeline.settings().withSources(EnumSet.of(Source.JPA)));
    sink.executed(statement, "DELETE FROM t");
    assertEquals(List.of(), seen);
  }

  @Test
  void aPartlyFailedBatchReportsTheEntriesThatRan() throws Exception {
    Statement statement = h2.createStatement();
    sink.batchAdded(statement, "INSERT INTO a VALUES (1)");
    sink.batchAdded(statement, "INSERT INTO b VALUES (1)");
    sink.batchAdded(statement, "INSERT INTO c VALUES (1)");
    sink.batchExecuted(statement, null,
        new BatchUpdateException(new int[] {1, Statement.EXECUTE_FAILED, 1}, null));
    assertEquals(List.of("N[a, c]"), seen);
    sink.batchAdded(statement, "INSERT INTO a VALUES (1)");
    sink.batchExecuted(statement, null, new java.sql.SQLException("connection lost"));
    assertEquals(1, seen.size(), "a batch that failed otherwise reports nothing");
  }

  @Test
  void batchCountsAndOperations() {
    assertTrue(BatchCounts.ran(new long[] {1}, 3, false), "after success every entry ran");
    assertTrue(!BatchCounts.ran(new long[] {1, -3}, 1, true));
    assertTrue(!BatchCounts.ran(new long[] {1}, 1, true));
    assertTrue(!BatchCounts.anyRan(new long[] {-3, -3}));
    assertTrue(BatchCounts.anyRan(new long[] {-3, -2}));
    assertEquals(Operation.INSERT, AnalyzedSql.operation(StatementKind.WRITE, "  insert into t values (1)"));
    assertEquals(Operation.UPSERT, AnalyzedSql.operation(StatementKind.WRITE, "MERGE INTO t KEY (id) VALUES (1)"));
    assertEquals(Operation.UNKNOWN, AnalyzedSql.operation(StatementKind.WRITE, "WITH x AS (DELETE FROM t) SELECT 1"));
    assertEquals(Operation.DDL, AnalyzedSql.operation(StatementKind.DDL, "DROP TABLE t"));
  }
}
