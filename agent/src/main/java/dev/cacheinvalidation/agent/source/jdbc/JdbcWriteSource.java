package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.UnitOfWork;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.agent.pipeline.Write;
import dev.cacheinvalidation.agent.source.ObjectState;
import dev.cacheinvalidation.agent.source.WeakIdentityMap;
import dev.cacheinvalidation.agent.sql.CachingSqlAnalyzer;
import dev.cacheinvalidation.bridge.JdbcSink;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Turns the JDBC events of the advice into writes: SQL is classified by a {@link CachingSqlAnalyzer}, written
 * tables become names through the pipeline's catalog, and the names are invalidated when the connection's
 * transaction commits (at once under autocommit).
 *
 * <p><b>Cost.</b> A read made with SQL text costs one hit in the table of recent statements (usually a
 * reference comparison), or else one analyser cache hit. A read through a prepared statement whose class
 * carries the agent's field never reaches this class (the advice finds no SQL there and returns); otherwise
 * it costs one weak identity lookup, because only prepared statements whose SQL writes are remembered. The
 * connection's autocommit mode is asked only after a write. Transaction calls on a connection that wrote
 * nothing cost at most one weak identity lookup.
 *
 * <p><b>Transactions.</b> Per connection (the object the application called, so a pool proxy's commit and
 * the driver's commit are one), writes go into a {@link UnitOfWork}: {@code commit} invalidates them,
 * {@code rollback} discards them, savepoints mark, release and roll back within them, {@code setAutoCommit(true)}
 * commits them, and {@code close} discards them for drivers known to roll back ({@link DriverTraits}) and
 * invalidates them otherwise. A failed commit invalidates too: whether it committed is unknown, and an extra
 * invalidation is safe where a missed one is not. DDL also invalidates the configured {@code on-ddl} patterns,
 * and a write whose tables the analyser cannot tell invalidates everything ({@code *}). A plain write made
 * under a {@linkplain WritePipeline#openCover cover} for its connection (a Hibernate flush action's SQL) goes
 * into the covering unit instead, and the connection gets no transaction state for it.
 *
 * <p>Thread-safety: all methods may be called from any thread. Per-object state is an {@link ObjectState}
 * (a field the agent added to the class, else a weak identity map), so statements and connections are never
 * kept alive by the agent. Methods never throw.
 */
public final class JdbcWriteSource implements JdbcSink {
  private static final Logger log = AgentLog.get(JdbcWriteSource.class);
  /** Longer SQL strings (generated IN lists, literal batches) are analysed each time, never cached. */
  // Longer strings are analysed on every call: it bounds the memo at about 20-40 MB however odd the SQL.
  static final int MAX_CACHED_SQL_LENGTH = 2_048;
  private static final List<String> EVERYTHING = List.of("*");

  private final WritePipeline pipeline;
  private final RecentStatements statements;
  private final Supplier<List<String>> onDdlPatterns;
  /** Prepared statement → its SQL, only for SQL that writes or is DDL. */
  private final ObjectState<PreparedWrite> preparedWrites = new ObjectState<>(PreparedWrite.class);
  /** Statement → the SQL added with {@code addBatch(String)}, in order (reads too, to align update counts). */
  private final WeakIdentityMap<List<AnalyzedSql>> batches = new WeakIdentityMap<>();
  /** Connection → its open transaction, created at its first write or savepoint outside autocommit. */
  private final ObjectState<ConnectionState> connections = new ObjectState<>(ConnectionState.class);

  /**
   * @param pipeline where writes go
   * @param sqlCacheSize the number of distinct SQL strings whose analysis is kept ({@code sql.cache-size})
   * @param onDdlPatterns the current {@code on-ddl} patterns, read at each DDL (the configuration can reload)
   */
  public JdbcWriteSource(WritePipeline pipeline, int sqlCacheSize, Supplier<List<String>> onDdlPatterns) {
    this.pipeline = pipeline;
    this.statements = new RecentStatements(new CachingSqlAnalyzer(sqlCacheSize, MAX_CACHED_SQL_LENGTH),
        MAX_CACHED_SQL_LENGTH);
    this.onDdlPatterns = onDdlPatterns;
  }

  // ---- statements ----

  @Override
  public void executed(Object statement, String sql) {
    if (!pipeline.accepts(Source.JDBC)) {
      return;
    }
    try {
      AnalyzedSql analyzed = statements.analyze(sql);
      if (!analyzed.isRead()) {
        DetectedWrites detected = new DetectedWrites();
        detected.add(analyzed, pipeline.catalog());
        wrote(connectionOf(statement), detected.writes, detected.ddl, detected.unknownTables);
      }
    } catch (RuntimeException e) {
      failed("a statement", e);
    }
  }

  @Override
  public void executedPrepared(Object statement, Object statementSlot) {
    if (!pipeline.accepts(Source.JDBC)) {
      return;
    }
    try {
      PreparedWrite prepared =
          statementSlot instanceof PreparedWrite known ? known : preparedWrites.get(statement);
      if (prepared != null) {
        // One statement: its resolved writes as they are, without collecting them into a DetectedWrites.
        AnalyzedSql sql = prepared.sql();
        Connection connection = prepared.connection() != null ? prepared.connection() : connectionOf(statement);
        wrote(connection, sql.writes(pipeline.catalog()), sql.isDdl(), sql.hasUnknownTables());
      }
    } catch (RuntimeException e) {
      failed("a prepared statement", e);
    }
  }

  @Override
  public Object prepared(Object connection, Object statement, String sql) {
    // Not gated on accepts(): a statement prepared while JDBC is switched off may run after it is switched on.
    try {
      AnalyzedSql analyzed = statements.analyze(sql);
      if (analyzed.isRead()) {
        return null;
      }
      if (ObjectState.heldInObject(statement)) {
        // For the statement's own field, which the advice sets. The connection is kept only there: JDBC says
        // getConnection() returns the connection that made it, and asking again at each execute costs more
        // than remembering it.
        return new PreparedWrite(analyzed, connection instanceof Connection jdbc ? jdbc : null);
      }
      preparedWrites.put(statement, new PreparedWrite(analyzed, null));
    } catch (RuntimeException e) {
      failed("prepareStatement", e);
    }
    return null;
  }

  @Override
  public void batchAdded(Object statement, String sql) {
    if (!pipeline.accepts(Source.JDBC)) {
      return;
    }
    try {
      AnalyzedSql analyzed = statements.analyze(sql);
      List<AnalyzedSql> batch = batches.computeIfAbsent(statement, key -> new ArrayList<>());
      synchronized (batch) {
        batch.add(analyzed.isRead() ? null : analyzed);
      }
    } catch (RuntimeException e) {
      failed("addBatch", e);
    }
  }

  @Override
  public void batchCleared(Object statement) {
    try {
      batches.remove(statement);
    } catch (RuntimeException e) {
      failed("clearBatch", e);
    }
  }

  @Override
  public void batchExecuted(Object statement, Object updateCounts, Throwable thrown) {
    try {
      // JDBC empties the batch whatever the outcome.
      List<AnalyzedSql> batch = batches.remove(statement);
      if (!pipeline.accepts(Source.JDBC)) {
        return;
      }
      long[] counts = BatchCounts.of(updateCounts, thrown);
      if (counts == null) {
        return; // it threw before running anything we can tell: nothing was written
      }
      boolean partial = thrown != null;
      DetectedWrites detected = new DetectedWrites();
      if (batch != null) {
        synchronized (batch) {
          for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) != null && BatchCounts.ran(counts, i, partial)) {
              detected.add(batch.get(i), pipeline.catalog());
            }
          }
        }
      }
      PreparedWrite prepared = preparedWrites.get(statement);
      if (prepared != null && BatchCounts.anyRan(counts)) {
        detected.add(prepared.sql(), pipeline.catalog());
      }
      if (!detected.isEmpty()) {
        wrote(connectionOf(statement), detected.writes, detected.ddl, detected.unknownTables);
      }
    } catch (RuntimeException e) {
      failed("executeBatch", e);
    }
  }

  /**
   * A statement of this connection (null: unknown) wrote: invalidate now under autocommit, else record into
   * the connection's transaction.
   */
  private void wrote(Connection connection, List<Write> writes, boolean ddl, boolean unknownTables) {
    UnitOfWork covering = ddl || unknownTables ? null : pipeline.coveringUnit(connection);
    if (covering != null) {
      // A Hibernate flush action's own SQL: its session's unit ends with this connection's transaction.
      pipeline.recordAll(covering, writes);
      return;
    }
    if (connection == null || autoCommit(connection)) {
      // No transaction we can see: the write is durable now.
      if (writes.size() == 1) {
        pipeline.writeCommitted(writes.get(0), "jdbc"); // the usual case: no unit of work to build
      } else {
        UnitOfWork unit = pipeline.newUnit("jdbc");
        pipeline.recordAll(unit, writes);
        pipeline.commit(unit);
      }
      invalidateExtras(ddl, unknownTables);
      return;
    }
    ConnectionState state = stateOf(connection);
    pipeline.recordAll(state.unit, writes);
    if (unknownTables) {
      state.markUnknownTables();
    }
    if (!ddl) {
      return;
    }
    state.markDdl();
    switch (state.traits(connection).ddl()) {
      case TRANSACTIONAL -> { } // invalidated with the transaction
      case COMMITS -> flush(state); // the driver committed the transaction, DDL included
      case UNKNOWN -> {
        // It may have committed (invalidate now) or may commit later (invalidate again then).
        List<Write> pending = state.unit.drain();
        UnitOfWork now = pipeline.newUnit("jdbc ddl");
        pending.forEach(now::add);
        pipeline.commit(now);
        invalidateExtras(true, false);
        pending.forEach(state.unit::add);
      }
    }
  }

  /** A prepared statement's SQL, and the connection that prepared it when the statement can hold it. */
  private record PreparedWrite(AnalyzedSql sql, Connection connection) {}

  private static Connection connectionOf(Object statement) {
    try {
      return statement instanceof Statement jdbc ? jdbc.getConnection() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static boolean autoCommit(Connection connection) {
    try {
      return connection.getAutoCommit();
    } catch (Exception e) {
      return true; // cannot tell: invalidate at once rather than wait for a commit that may never be seen
    }
  }

  private ConnectionState stateOf(Object connection) {
    return connections.computeIfAbsent(connection, this::newState);
  }

  private ConnectionState newState(Object connection) {
    return new ConnectionState(pipeline.newUnit("jdbc transaction"));
  }

  // ---- connections ----

  @Override
  public void committed(Object connection, Throwable thrown) {
    ConnectionState state = existing(connection);
    if (state != null) {
      flush(state);
    }
  }

  @Override
  public void rolledBack(Object connection, Throwable thrown) {
    ConnectionState state = existing(connection);
    if (state != null && thrown == null) {
      discard(state);
    }
  }

  @Override
  public void rolledBackTo(Object connection, Object savepoint) {
    ConnectionState state = existing(connection);
    if (state != null) {
      state.unit.rollbackTo(savepoint);
    }
  }

  @Override
  public void savepointSet(Object connection, Object savepoint) {
    try {
      stateOf(connection).unit.mark(savepoint);
    } catch (RuntimeException e) {
      failed("setSavepoint", e);
    }
  }

  @Override
  public void savepointReleased(Object connection, Object savepoint) {
    ConnectionState state = existing(connection);
    if (state != null) {
      state.unit.release(savepoint);
    }
  }

  @Override
  public void autoCommitSet(Object connection, boolean autoCommit) {
    if (!autoCommit) {
      return;
    }
    ConnectionState state = existing(connection);
    if (state != null) {
      flush(state); // JDBC: switching autocommit on commits the open transaction
    }
  }

  @Override
  public void closed(Object connection, Throwable thrown) {
    try {
      ConnectionState state = connections.remove(connection);
      if (state == null || !state.isPending()) {
        return;
      }
      if (state.traits(connection).rollsBackOnClose()) {
        discard(state);
      } else {
        log.debug("{} closed with an open transaction; its driver may commit it: invalidating",
            connection.getClass().getName());
        flush(state);
      }
    } catch (RuntimeException e) {
      failed("close", e);
    }
  }

  /** The connection's transaction state, or null when it never wrote outside autocommit. Never throws. */
  private ConnectionState existing(Object connection) {
    try {
      return connections.get(connection);
    } catch (RuntimeException e) {
      failed("a transaction call", e);
      return null;
    }
  }

  /** The transaction committed (or may have): invalidate its names, then its patterns. */
  private void flush(ConnectionState state) {
    try {
      int flags = state.takeFlags();
      pipeline.commit(state.unit);
      invalidateExtras((flags & 1) != 0, (flags & 2) != 0);
    } catch (RuntimeException e) {
      failed("commit", e);
    }
  }

  private void discard(ConnectionState state) {
    state.takeFlags();
    pipeline.discard(state.unit);
  }

  private void invalidateExtras(boolean ddl, boolean unknownTables) {
    if (unknownTables) {
      pipeline.invalidatePatterns(EVERYTHING, "jdbc write to unknown tables");
    }
    if (ddl) {
      List<String> patterns = onDdlPatterns.get();
      if (!patterns.isEmpty()) {
        pipeline.invalidatePatterns(patterns, "jdbc ddl");
      }
    }
  }

  private static void failed(String what, RuntimeException e) {
    // The application's JDBC call already succeeded; never let the agent's failure reach it.
    log.debug("JDBC write detection failed after {}", what, e);
  }
}
