package dev.cacheinvalidation.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.AgentSlot;
import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.bridge.CallDepth;
import dev.cacheinvalidation.bridge.JdbcCalls;
import dev.cacheinvalidation.instrumentation.api.InstrumentationModule;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Detects writes made through any JDBC driver or pool: every concrete {@link java.sql.Statement} (prepared and
 * callable included) and {@link java.sql.Connection} implementation.
 *
 * <p>Statements report the SQL they ran; a prepared statement's SQL is reported where it is known, at
 * {@code Connection.prepareStatement/prepareCall}. Connections report the transaction calls. Advice only
 * counts call depth and hands off to {@link Bridge#jdbc()}; deciding whether SQL writes is the agent's job.
 * Only calls that returned report a statement: a statement that threw wrote nothing that will stay, except
 * a batch, whose {@code BatchUpdateException} is reported with it.
 */
public final class JdbcInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new StatementInstrumentation(), new ConnectionInstrumentation());
  }

  private static ElementMatcher.Junction<MethodDescription> concrete(String... names) {
    return namedOneOf(names).and(not(isAbstract()));
  }

  static final class StatementInstrumentation implements TypeInstrumentation {
    private static final String[] EXECUTES = {"execute", "executeUpdate", "executeLargeUpdate", "executeQuery"};
    private static final String[] BATCH_EXECUTES = {"executeBatch", "executeLargeBatch"};

    @Override
    public Prefilter prefilter() {
      // Every method transform() advises: a Statement class declaring none of them would come out unchanged,
      // so Byte Buddy need not resolve its hierarchy (most java/sql/-mentioning classes are Spring or
      // Hibernate code that merely uses JDBC).
      Set<String> advised = new HashSet<>(List.of(EXECUTES));
      advised.addAll(List.of(BATCH_EXECUTES));
      advised.addAll(List.of("addBatch", "clearBatch"));
      return Prefilter.mentioningAndDeclaring("java/sql/", advised);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(named("java.sql.Statement")));
    }

    @Override
    public boolean carriesAgentSlot() {
      return true; // a prepared statement's analysed SQL
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(concrete(EXECUTES).and(takesArgument(0, String.class)),
          ExecuteSqlAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete(EXECUTES).and(takesArguments(0)),
          ExecutePreparedAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("addBatch").and(takesArguments(String.class)),
          AddBatchAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("clearBatch").and(takesArguments(0)),
          ClearBatchAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete(BATCH_EXECUTES).and(takesArguments(0)),
          ExecuteBatchAdvice.class.getName());
    }
  }

  static final class ConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public Prefilter prefilter() {
      // Every method transform() advises (see StatementInstrumentation.prefilter()).
      return Prefilter.mentioningAndDeclaring("java/sql/", Set.of("prepareStatement", "prepareCall", "commit",
          "rollback", "setSavepoint", "releaseSavepoint", "setAutoCommit", "close"));
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return not(isInterface()).and(hasSuperType(named("java.sql.Connection")));
    }

    @Override
    public boolean carriesAgentSlot() {
      return true; // a connection's open transaction
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(
          concrete("prepareStatement", "prepareCall").and(takesArgument(0, String.class)),
          PrepareAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("commit").and(takesArguments(0)), CommitAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("rollback").and(takesArguments(0)), RollbackAdvice.class.getName());
      transformer.applyAdviceToMethod(
          concrete("rollback").and(takesArguments(1)).and(takesArgument(0, named("java.sql.Savepoint"))),
          RollbackToSavepointAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("setSavepoint"), SetSavepointAdvice.class.getName());
      transformer.applyAdviceToMethod(
          concrete("releaseSavepoint").and(takesArgument(0, named("java.sql.Savepoint"))),
          ReleaseSavepointAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("setAutoCommit").and(takesArguments(boolean.class)),
          SetAutoCommitAdvice.class.getName());
      transformer.applyAdviceToMethod(concrete("close").and(takesArguments(0)), CloseAdvice.class.getName());
    }
  }

  // ---- statement advice: only the outermost call reports ----

  /** Advice: a statement ran SQL given as its first argument. */
  public static final class ExecuteSqlAdvice {
    private ExecuteSqlAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter() {
      return JdbcCalls.STATEMENT.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object statement,
        @Advice.Argument(0) String sql, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null) {
        Bridge.jdbc().executed(statement, sql);
      }
    }
  }

  /** Advice: a prepared or callable statement ran its SQL. */
  public static final class ExecutePreparedAdvice {
    private ExecutePreparedAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object statement) {
      return JdbcCalls.enterPreparedExecute(statement);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object statement,
        @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null) {
        // The field read here, in the statement's own method, where the JIT knows the class.
        Bridge.jdbc().executedPrepared(statement, AgentSlot.valueOf(statement));
      }
    }
  }

  /** Advice: SQL added to a statement's batch. */
  public static final class AddBatchAdvice {
    private AddBatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter() {
      return JdbcCalls.STATEMENT.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object statement,
        @Advice.Argument(0) String sql, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null) {
        Bridge.jdbc().batchAdded(statement, sql);
      }
    }
  }

  /** Advice: a statement's batch was emptied. */
  public static final class ClearBatchAdvice {
    private ClearBatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter() {
      return JdbcCalls.STATEMENT.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object statement) {
      if (CallDepth.exit(depth)) {
        Bridge.jdbc().batchCleared(statement);
      }
    }
  }

  /** Advice: a batch ran, fully, partly ({@code BatchUpdateException}) or not at all. */
  public static final class ExecuteBatchAdvice {
    private ExecuteBatchAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter() {
      return JdbcCalls.STATEMENT.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object statement,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object counts, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth)) {
        Bridge.jdbc().batchExecuted(statement, counts, thrown);
      }
    }
  }

  // ---- connection advice ----

  /** Advice: remembers the SQL of each prepared statement where it is cheapest to know. */
  public static final class PrepareAdvice {
    private PrepareAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter() {
      return JdbcCalls.PREPARE.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Argument(0) String sql, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object statement) {
      if (CallDepth.exit(depth) && statement != null) {
        Object state = Bridge.jdbc().prepared(connection, statement, sql);
        // Stored here, not in the agent: the statement is not this object, but this copy of the advice (in one
        // connection class's method) sees that class's statements only, so its profile lets the JIT call the
        // setter directly, where the agent's one call site sees every statement class.
        if (state != null && statement instanceof AgentSlot slot) {
          slot.cacheInvalidation$slot(state);
        }
      }
    }
  }

  /** Advice: {@code commit()}. */
  public static final class CommitAdvice {
    private CommitAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object connection) {
      return JdbcCalls.enterTransactionCall(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth)) {
        Bridge.jdbc().committed(connection, thrown);
      }
    }
  }

  /** Advice: {@code rollback()}. */
  public static final class RollbackAdvice {
    private RollbackAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object connection) {
      return JdbcCalls.enterTransactionCall(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth)) {
        Bridge.jdbc().rolledBack(connection, thrown);
      }
    }
  }

  /** Advice: {@code rollback(Savepoint)}. */
  public static final class RollbackToSavepointAdvice {
    private RollbackToSavepointAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object connection) {
      return JdbcCalls.enterTransactionCall(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Argument(0) Object savepoint, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null) {
        Bridge.jdbc().rolledBackTo(connection, savepoint);
      }
    }
  }

  /** Advice: {@code setSavepoint()} and {@code setSavepoint(String)}. */
  public static final class SetSavepointAdvice {
    private SetSavepointAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter() {
      return JdbcCalls.CONNECTION.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object savepoint, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null && savepoint != null) {
        Bridge.jdbc().savepointSet(connection, savepoint);
      }
    }
  }

  /** Advice: {@code releaseSavepoint(Savepoint)}. */
  public static final class ReleaseSavepointAdvice {
    private ReleaseSavepointAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object connection) {
      return JdbcCalls.enterTransactionCall(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Argument(0) Object savepoint, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null) {
        Bridge.jdbc().savepointReleased(connection, savepoint);
      }
    }
  }

  /** Advice: {@code setAutoCommit(boolean)}; switching it on commits an open transaction. */
  public static final class SetAutoCommitAdvice {
    private SetAutoCommitAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object connection) {
      return JdbcCalls.enterTransactionCall(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Argument(0) boolean autoCommit, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth) && thrown == null) {
        Bridge.jdbc().autoCommitSet(connection, autoCommit);
      }
    }
  }

  /** Advice: {@code close()}; what happens to an open transaction depends on the driver. */
  public static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int[] enter(@Advice.This Object connection) {
      return JdbcCalls.enterTransactionCall(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int[] depth, @Advice.This Object connection,
        @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(depth)) {
        Bridge.jdbc().closed(connection, thrown);
      }
    }
  }
}
