package dev.cacheinvalidation.agent.source.jpa;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.UnitOfWork;
import dev.cacheinvalidation.agent.pipeline.Write;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.agent.source.ObjectState;
import dev.cacheinvalidation.bridge.AgentSlot;
import dev.cacheinvalidation.bridge.JpaSink;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Turns Hibernate events into writes: one unit of work per session, committed when the session's transaction
 * completes successfully and discarded when it rolls back.
 *
 * <p>The unit-of-work rule: a stateful session's operations and flushes are recorded in the session's unit;
 * {@code afterTransactionCompletion(true)} commits it, {@code (false)} discards it. {@code TransactionImpl.commit()}
 * brackets the flush, the JDBC commit and that completion with a commit scope, so the names JDBC detection
 * commits inside it and the names of the JPA unit are invalidated together, once each. Stateless operations
 * and bulk statements write at once: inside a transaction they join the unit; outside one they run in
 * autocommit mode and are committed (in their own scope, merging JDBC's view of the same statement) when they
 * return. A flush action is recorded as it starts and, inside the transaction, covers its own SQL: JDBC
 * detection records that statement's names in the session's unit ({@link WritePipeline#openCover}).
 *
 * <p>Thread-safety: each session's unit (and the connection of its transaction) is kept in an
 * {@link ObjectState} (sessions are not thread-safe, but a JTA completion may come from another thread, and
 * units are thread-safe); the pipeline is thread-safe. Never throws.
 */
public final class JpaSource implements JpaSink {
  private static final Logger log = AgentLog.get(JpaSource.class);
  private static final String ORIGIN = "jpa";

  private static final NoArgInvoker IN_TRANSACTION = new NoArgInvoker("isTransactionInProgress");
  private static final NoArgInvoker GET_SESSION = new NoArgInvoker("getSession");
  private static final NoArgInvoker ENTITY_NAME = new NoArgInvoker("getEntityName");
  private static final NoArgInvoker PERSISTER = new NoArgInvoker("getPersister");
  private static final NoArgInvoker ROLE = new NoArgInvoker("getRole");
  private static final NoArgInvoker SQM_STATEMENT = new NoArgInvoker("getSqmStatement");
  private static final NoArgInvoker TARGET = new NoArgInvoker("getTarget");
  private static final NoArgInvoker COLLECTION = new NoArgInvoker("getCollection");
  private static final NoArgInvoker EMPTY = new NoArgInvoker("empty");
  private static final NoArgInvoker JDBC_COORDINATOR = new NoArgInvoker("getJdbcCoordinator");
  private static final NoArgInvoker LOGICAL_CONNECTION = new NoArgInvoker("getLogicalConnection");
  private static final NoArgInvoker PHYSICALLY_CONNECTED = new NoArgInvoker("isPhysicallyConnected");
  private static final NoArgInvoker PHYSICAL_CONNECTION = new NoArgInvoker("getPhysicalConnection");
  private static final FieldReader EMPTY_SNAPSHOT = new FieldReader("emptySnapshot");

  /** Per flush action class: the operation of an entity action, or null for a collection action. */
  private static final ClassValue<Operation> ENTITY_ACTION_OPERATION = new ClassValue<>() {
    @Override
    protected Operation computeValue(Class<?> type) {
      return type.getSimpleName().startsWith("Collection") ? null : actionOperation(type);
    }
  };

  private final WritePipeline pipeline;
  private final EntityNames names = new EntityNames();
  private final Map<Object, Boolean> factories = Collections.synchronizedMap(new WeakHashMap<>());
  /** Session → its unit: in the session's own field where the agent could add one, else a weak map. */
  private final ObjectState<SessionState> sessions = new ObjectState<>(SessionState.class);
  private final Function<Object, SessionState> newSession;

  public JpaSource(WritePipeline pipeline) {
    this.pipeline = pipeline;
    this.newSession = session -> new SessionState(pipeline.newUnit(ORIGIN));
  }

  @Override
  public void sessionFactoryBuilt(Object sessionFactory) {
    try {
      if (factories.put(sessionFactory, Boolean.TRUE) == null) {
        HibernateMetamodelReader.learn(sessionFactory, names, pipeline.catalog());
      }
    } catch (Throwable e) {
      log.warn("cannot read the metamodel of {}: {}", sessionFactory.getClass().getName(), e.toString());
    }
  }

  @Override
  public void sessionOperation(Object session, Object sessionSlot, String operation, String entityName,
      Object entity) {
    try {
      if (entity != null && pipeline.accepts(Source.JPA)) {
        SessionState state = stateOf(session, sessionSlot);
        pipeline.recordAll(state.unit, operationWrites(state, operation, entityName, entity));
      }
    } catch (Throwable e) {
      log.debug("jpa: {} not recorded", operation, e);
    }
  }

  @Override
  public boolean statelessOperationStarting(Object session) {
    return openScopeOutsideTransaction(session);
  }

  @Override
  public void statelessOperationEnded(Object session, String operation, String entityName, Object entity,
      boolean scopeOpened, Throwable thrown) {
    try {
      if (thrown == null && entity != null && pipeline.accepts(Source.JPA)) {
        Operation kind = operation(operation);
        if (entity instanceof List<?> entities && operation.endsWith("Multiple")) {
          for (Object each : entities) {
            if (each != null) {
              record(session, entityNames(entityName, each), kind);
            }
          }
        } else {
          record(session, entityNames(entityName, entity), kind);
        }
        if (scopeOpened) {
          commitNow(session);
        }
      }
    } catch (Throwable e) {
      log.debug("jpa: stateless {} not recorded", operation, e);
    } finally {
      closeScope(scopeOpened);
    }
  }

  @Override
  public boolean bulkUpdateStarting(Object query) {
    return openScopeOutsideTransaction(GET_SESSION.invoke(query));
  }

  @Override
  public void bulkUpdateEnded(Object query, boolean scopeOpened, Throwable thrown) {
    try {
      if (thrown == null && pipeline.accepts(Source.JPA)) {
        Object session = GET_SESSION.invoke(query);
        Object target = ENTITY_NAME.invoke(TARGET.invoke(SQM_STATEMENT.invoke(query)));
        if (session != null && target instanceof String entityName) {
          NamedWrites bulk = names.forBulk(entityName);
          record(session, bulk != null ? bulk : unmapped(unqualified(entityName)), Operation.BULK);
          if (scopeOpened) {
            commitNow(session);
          }
        }
      }
    } catch (Throwable e) {
      log.debug("jpa: bulk update not recorded", e);
    } finally {
      closeScope(scopeOpened);
    }
  }

  @Override
  public Object flushActionStarting(Object action) {
    try {
      if (!pipeline.accepts(Source.JPA)) {
        return null;
      }
      Object session = GET_SESSION.invoke(action);
      if (session == null) {
        return null;
      }
      Operation entityOperation = ENTITY_ACTION_OPERATION.get(action.getClass());
      SessionState state = null;
      if (entityOperation != null) {
        Object entityName = ENTITY_NAME.invoke(action);
        if (entityName instanceof String name) {
          NamedWrites known = names.forEntityName(name);
          state = record(session, known != null ? known : unmapped(unqualified(name)), entityOperation);
        }
      } else if (collectionActionWrites(action)) {
        NamedWrites written = names.forCollection((String) ROLE.invoke(PERSISTER.invoke(action)));
        if (written != null) {
          state = record(session, written, Operation.UPDATE);
        }
      }
      return state == null ? null : cover(session, state);
    } catch (Throwable e) {
      log.debug("jpa: flush action not recorded", e);
      return null;
    }
  }

  @Override
  public void flushActionEnded(Object cover) {
    try {
      pipeline.closeCover(cover);
    } catch (Throwable e) {
      log.debug("jpa: flush action cover not closed", e);
    }
  }

  @Override
  public Object commitStarting(Object transaction) {
    try {
      return pipeline.enterCommitScope();
    } catch (Throwable e) {
      log.debug("jpa: commit scope not opened", e);
      return null;
    }
  }

  @Override
  public void commitEnded(Object transaction, Object scope, Throwable thrown) {
    try {
      if (scope != null) {
        pipeline.exitCommitScope(scope);
      }
    } catch (Throwable e) {
      log.debug("jpa: commit scope not closed cleanly", e);
    }
  }

  @Override
  public void transactionCompleted(Object session, Object sessionSlot, boolean successful) {
    try {
      SessionState state = sessionSlot instanceof SessionState known ? known : sessions.get(session);
      if (state == null) {
        return;
      }
      state.transactionConnection = null;
      if (successful) {
        pipeline.commit(state.unit);
      } else {
        pipeline.discard(state.unit);
      }
    } catch (Throwable e) {
      log.debug("jpa: transaction completion not handled", e);
    }
  }

  /** Opens a commit scope when the session has no transaction (autocommit): see the class comment. */
  private boolean openScopeOutsideTransaction(Object session) {
    try {
      if (session == null || !pipeline.accepts(Source.JPA)
          || !Boolean.FALSE.equals(IN_TRANSACTION.invoke(session))) {
        return false;
      }
      pipeline.enterCommitScope();
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  private void closeScope(boolean scopeOpened) {
    if (scopeOpened) {
      try {
        pipeline.exitCommitScope();
      } catch (Throwable e) {
        log.debug("jpa: commit scope not closed cleanly", e);
      }
    }
  }

  private void commitNow(Object session) {
    SessionState state = sessions.get(session);
    if (state != null) {
      pipeline.commit(state.unit);
    }
  }

  /** Records the names in the session's unit; returns its state, or null when there was nothing to record. */
  private SessionState record(Object session, NamedWrites written, Operation operation) {
    return written.isEmpty() ? null : record(stateOf(session, null), written, operation);
  }

  private SessionState record(SessionState state, NamedWrites written, Operation operation) {
    pipeline.recordAll(state.unit, written.writes(operation));
    return state;
  }

  /** The session's state: what its field holds when the advice read it, else looked up (or made). */
  private SessionState stateOf(Object session, Object sessionSlot) {
    if (sessionSlot instanceof SessionState known) {
      return known;
    }
    // The field read here rather than in ObjectState: this call site sees session classes only, so the JIT
    // inlines the getter, where ObjectState's own call site sees every JDBC class too and dispatches.
    if (session instanceof AgentSlot slot && slot.cacheInvalidation$slot() instanceof SessionState known) {
      return known;
    }
    return sessions.computeIfAbsent(session, newSession);
  }

  /**
   * Covers the SQL the action is about to run: the JDBC detection then records that statement's names in the
   * session's unit rather than in a transaction of its own (see {@link WritePipeline#openCover}). Only inside
   * the session's transaction, on the connection it holds already: a write outside a transaction is committed
   * by the driver at once, and a write on any other connection (an entity listener using another data source)
   * is not the session's, so JDBC detection handles both as usual.
   */
  private Object cover(Object session, SessionState state) {
    Object connection = state.transactionConnection;
    if (connection == null) {
      connection = transactionConnection(session, state);
      if (connection == null) {
        return null;
      }
      state.transactionConnection = connection;
    }
    return pipeline.openCover(state.unit, connection);
  }

  /** The connection the session's transaction holds, or null when no transaction is in progress. */
  private static Object transactionConnection(Object session, SessionState state) {
    if (!Boolean.TRUE.equals(IN_TRANSACTION.invoke(session))) {
      return null;
    }
    Object logicalConnection = state.logicalConnection;
    if (logicalConnection == null) {
      logicalConnection = LOGICAL_CONNECTION.invoke(JDBC_COORDINATOR.invoke(session));
      // It refers back to the session: kept only in the session's own field, never as a weak map's value.
      if (ObjectState.heldInObject(session)) {
        state.logicalConnection = logicalConnection;
      }
    }
    if (!Boolean.TRUE.equals(PHYSICALLY_CONNECTED.invoke(logicalConnection))) {
      return null; // asking for the connection would acquire one
    }
    return PHYSICAL_CONNECTION.invoke(logicalConnection);
  }

  /**
   * A session's unit of work, its logical connection (Hibernate's, one for the session's life) and the physical
   * connection its current transaction holds: looked up at the first flush action that covers its SQL, and the
   * latter forgotten when the transaction completes; and the writes of its last operation. Thread-safety: the
   * session's thread uses it; the unit is thread-safe, a completion on another thread at worst makes the
   * connection be looked up again, and the last operation's writes are one immutable record.
   */
  private static final class SessionState {
    final UnitOfWork unit;
    Object logicalConnection;
    Object transactionConnection;
    /** The writes of this session's last operation ({@link #operationWrites}). */
    OperationWrites lastOperation;

    SessionState(UnitOfWork unit) {
      this.unit = unit;
    }
  }

  /** The writes one operation on one class of entity (and explicit entity name, or null) reports. */
  private record OperationWrites(String operation, String entityName, Class<?> type, List<Write> writes) {
    /** Compares references: the advice passes each operation as a constant string, the same one every time. */
    boolean isFor(String otherOperation, String otherEntityName, Class<?> otherType) {
      return operation == otherOperation && entityName == otherEntityName && type == otherType;
    }
  }

  /**
   * The writes of a session operation on {@code entity}: the session's last operation's when it was the same on
   * the same class (a session persists, merges or removes entities of one class again and again), else looked
   * up and remembered.
   */
  private List<Write> operationWrites(SessionState state, String operation, String entityName, Object entity) {
    Class<?> type = entity.getClass();
    OperationWrites last = state.lastOperation;
    if (last != null && last.isFor(operation, entityName, type)) {
      return last.writes();
    }
    List<Write> writes = entityNames(entityName, entity).writes(operation(operation));
    state.lastOperation = new OperationWrites(operation, entityName, type, writes);
    return writes;
  }

  private NamedWrites entityNames(String entityName, Object entity) {
    NamedWrites known = names.forEntityName(entityName);
    if (known == null) {
      known = names.forEntity(entity);
    }
    return known != null ? known : unmapped(simpleName(entity.getClass()));
  }

  /** The name of an entity no factory mapped (the agent missed the factory), as a write of its own. */
  private static NamedWrites unmapped(String name) {
    return new NamedWrites(List.of(name));
  }

  /** A class no factory mapped (the agent missed the factory): its simple name, proxy suffix removed. */
  static String simpleName(Class<?> type) {
    String name = type.getSimpleName();
    int proxy = name.indexOf('$');
    return proxy > 0 ? name.substring(0, proxy) : name;
  }

  private static String unqualified(String entityName) {
    return entityName.substring(entityName.lastIndexOf('.') + 1);
  }

  static Operation operation(String method) {
    return switch (method) {
      case "persist", "save", "persistOnFlush", "insert", "insertMultiple" -> Operation.INSERT;
      case "update", "updateMultiple" -> Operation.UPDATE;
      case "remove", "delete", "deleteMultiple", "removeOrphanBeforeUpdates" -> Operation.DELETE;
      case "merge", "saveOrUpdate", "replicate", "upsert", "upsertMultiple" -> Operation.UPSERT;
      default -> Operation.UNKNOWN;
    };
  }

  /**
   * Whether a collection action writes rows: Hibernate also executes a recreate for a new entity's empty
   * collection and a remove for a deleted entity's empty one, which issue no SQL and must not name the element
   * entity.
   */
  private static boolean collectionActionWrites(Object action) {
    String type = action.getClass().getSimpleName();
    if (type.equals("CollectionRemoveAction")) {
      return !Boolean.TRUE.equals(EMPTY_SNAPSHOT.read(action));
    }
    if (type.equals("CollectionRecreateAction")) {
      return !Boolean.TRUE.equals(EMPTY.invoke(COLLECTION.invoke(action)));
    }
    return true;
  }

  private static Operation actionOperation(Class<?> actionType) {
    String type = actionType.getSimpleName();
    if (type.contains("Insert")) {
      return Operation.INSERT;
    }
    if (type.contains("Delete") || type.contains("Orphan")) {
      return Operation.DELETE;
    }
    return Operation.UPDATE;
  }
}
