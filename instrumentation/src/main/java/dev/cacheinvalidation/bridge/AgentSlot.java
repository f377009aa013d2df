package dev.cacheinvalidation.bridge;

/**
 * A field the agent adds to instrumented classes when it defines them (JDBC statements and connections,
 * Hibernate's session), holding the agent's state for that object (a prepared statement's analysed SQL, a
 * connection's open transaction, a session's unit of work). A field read replaces a lookup in a weak identity
 * map, which costs an identity hash, a weak reference per object and work for the garbage collector.
 *
 * <p>Only classes loaded after the agent started get the field; classes loaded before a runtime attach, classes
 * in named modules, and serializable classes whose {@code serialVersionUID} cannot be kept do not, and the agent
 * keeps their state in weak maps as before. The agent is the only caller.
 *
 * <p>Thread-safety: a plain field; the agent publishes only objects that are safe to read through a race.
 */
public interface AgentSlot {
  /**
   * The agent's state in {@code target}'s field, or null when it has none or no field. Meant for advice, where
   * {@code target} is the instrumented object itself: inlined there, the JIT knows its class, so the type test
   * and the interface call cost what a field read costs.
   */
  static Object valueOf(Object target) {
    return target instanceof AgentSlot slot ? slot.cacheInvalidation$slot() : null;
  }

  /** The agent's state for this object, or null. */
  Object cacheInvalidation$slot();

  /** Replaces the agent's state for this object. */
  void cacheInvalidation$slot(Object value);
}
