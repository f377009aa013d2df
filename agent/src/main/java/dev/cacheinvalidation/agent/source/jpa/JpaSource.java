package dev.cacheinvalidation.agent.source.jpa;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.UnitOfWork;
import dev.cacheinvalidation.agent.pipeline.Write;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.bridge.JpaSink;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
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
 * return.
 *
 * <p>Thread-safety: units are kept in a synchronized weak map keyed by session (sessions are not thread-safe,
 * but a JTA completion may come from another thread); the pipeline is thread-safe. Never throws.
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
  private final Map<Object, UnitOfWork> units = Collections.synchronizedMap(new WeakHashMap<>());

  public JpaSource(WritePipeline pipeline) {
    this.pipeline = pipeline;
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
  public void sessionOperation(Object session, String operation, String entityName, Object entity) {
    try {
      if (entity != null && pipeline.accepts(Source.JPA)) {
        record(session, entityNames(entityName, entity), operation(operation));
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
          List<String> bulk = names.forBulk(entityName);
          record(session, bulk != null ? bulk : List.of(unqualified(entityName)), Operation.BULK);
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
  public void flushActionExecuted(Object action) {
    try {
      if (!pipeline.accepts(Source.JPA)) {
        return;
      }
      Object session = GET_SESSION.invoke(action);
      if (session == null) {
        return;
      }
      Operation entityOperation = ENTITY_ACTION_OPERATION.get(action.getClass());
      if (entityOperation != null) {
        Object entityName = ENTITY_NAME.invoke(action);
        if (entityName instanceof String name) {
          List<String> known = names.forEntityName(name);
          record(session, known != null ? known : List.of(unqualified(name)), entityOperation);
        }
      } else if (collectionActionWrites(action)) {
        List<String> written = names.forCollection((String) ROLE.invoke(PERSISTER.invoke(action)));
        if (written != null) {
          record(session, written, Operation.UPDATE);
        }
      }
    } catch (Throwable e) {
      log.debug("jpa: flush action not recorded", e);
    }
  }

  @Override
  public void commitStarting(Object transaction) {
    pipeline.enterCommitScope();
  }

  @Override
  public void commitEnded(Object transaction, Throwable thrown) {
    try {
      pipeline.exitCommitScope();
    } catch (Throwable e) {
      log.debug("jpa: commit scope not closed cleanly", e);
    }
  }

  @Override
  public void transactionCompleted(Object session, boolean successful) {
    try {
      UnitOfWork unit = units.get(session);
      if (unit == null) {
        return;
      }
      if (successful) {
        pipeline.commit(unit);
      } else {
        pipeline.discard(unit);
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
    UnitOfWork unit = units.get(session);
    if (unit != null) {
      pipeline.commit(unit);
    }
  }

  private void record(Object session, List<String> written, Operation operation) {
    if (written.isEmpty()) {
      return;
    }
    UnitOfWork unit;
    synchronized (units) {
      unit = units.computeIfAbsent(session, s -> pipeline.newUnit(ORIGIN));
    }
    for (String name : written) {
      pipeline.record(unit, new Write(Source.JPA, name, operation));
    }
  }

  private List<String> entityNames(String entityName, Object entity) {
    List<String> known = names.forEntityName(entityName);
    if (known == null) {
      known = names.forEntity(entity);
    }
    return known != null ? known : List.of(simpleName(entity.getClass()));
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
