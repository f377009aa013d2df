package dev.cacheinvalidation.bridge;

/**
 * Receives JPA/Hibernate events from advice: session factories as they are built, entity operations of
 * sessions and stateless sessions, the inserts, updates and deletes a flush executes, bulk JPQL/HQL
 * statements, and the end of each transaction.
 *
 * <p>Arguments are {@code Object}: the bridge lives on the bootstrap class path and cannot see Hibernate.
 * Sessions are Hibernate's {@code SessionImpl} or {@code StatelessSessionImpl}; the sink keeps one unit of work
 * per session and ends it in {@link #transactionCompleted}. Methods named {@code ...Ended} are called when the
 * intercepted call ended, with what it threw (or null).
 *
 * <p>Implementations must be thread-safe, must never throw, and must hold sessions and factories weakly.
 */
public interface JpaSink {
  /** A sink that ignores everything: installed until the agent has started. */
  JpaSink NOOP = new JpaSink() {};

  /** A {@code SessionFactoryImpl} finished its constructor: its metamodel can be read. */
  default void sessionFactoryBuilt(Object sessionFactory) {}

  /**
   * A stateful session operation ({@code persist}, {@code merge}, {@code remove}, {@code save}, ... or one of
   * the cascade overloads) returned normally. The write reaches the database at a later flush, inside the
   * session's transaction, so it is only recorded.
   *
   * @param sessionSlot what the session's {@link AgentSlot} field holds, or null
   * @param operation the method name
   * @param entityName the entity name the caller passed, or null
   * @param entity the entity argument (detached, transient or a proxy: its class names it)
   */
  default void sessionOperation(Object session, Object sessionSlot, String operation, String entityName,
      Object entity) {}

  /**
   * A stateless session operation is starting. It writes immediately, in autocommit mode when no transaction
   * is in progress.
   *
   * @return whether the sink opened a commit scope that {@link #statelessOperationEnded} must close
   */
  default boolean statelessOperationStarting(Object session) {
    return false;
  }

  /**
   * A stateless session {@code insert/update/delete/upsert} (or its {@code ...Multiple} form, with a
   * {@code List} as entity) ended.
   */
  default void statelessOperationEnded(Object session, String operation, String entityName, Object entity,
      boolean scopeOpened, Throwable thrown) {}

  /**
   * A JPQL/HQL/criteria {@code executeUpdate} is starting; {@code query} is Hibernate's SQM query object.
   *
   * @return whether the sink opened a commit scope that {@link #bulkUpdateEnded} must close
   */
  default boolean bulkUpdateStarting(Object query) {
    return false;
  }

  /** A JPQL/HQL/criteria {@code executeUpdate} ended. */
  default void bulkUpdateEnded(Object query, boolean scopeOpened, Throwable thrown) {}

  /**
   * A flush is about to execute an action: an {@code EntityAction} (insert, update, delete of one entity) or a
   * {@code CollectionAction} (a collection's join-table or element rows). Recorded now, before its SQL runs:
   * the write is kept until the transaction ends, so an action that fails half-way is still covered.
   *
   * @return a token for {@link #flushActionEnded} (null when there is nothing to end)
   */
  default Object flushActionStarting(Object action) {
    return null;
  }

  /** The action's {@code execute()} returned or threw; {@code token} is what {@link #flushActionStarting} gave. */
  default void flushActionEnded(Object token) {}

  /**
   * {@code Transaction.commit()} is starting.
   *
   * @return a token for {@link #commitEnded}, which the same thread calls when this commit ends
   */
  default Object commitStarting(Object transaction) {
    return null;
  }

  /**
   * {@code Transaction.commit()} ended (successfully or not: see {@link #transactionCompleted}).
   *
   * @param scope what {@link #commitStarting} returned
   */
  default void commitEnded(Object transaction, Object scope, Throwable thrown) {}

  /**
   * The session's transaction completed: committed when {@code successful}, else rolled back.
   *
   * @param sessionSlot what the session's {@link AgentSlot} field holds, or null
   */
  default void transactionCompleted(Object session, Object sessionSlot, boolean successful) {}
}
