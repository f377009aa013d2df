package dev.cacheinvalidation.bridge;

/**
 * A field the agent adds to instrumented JDBC statement and connection classes when it defines them, holding
 * the agent's state for that object (a prepared statement's analysed SQL, a connection's open transaction).
 * A field read replaces a lookup in a weak identity map, which costs an identity hash, a weak reference per
 * object and work for the garbage collector.
 *
 * <p>Only classes loaded after the agent started get the field; classes loaded before a runtime attach, classes
 * in named modules and serializable classes do not, and the agent keeps their state in weak maps as before.
 * The agent is the only caller.
 *
 * <p>Thread-safety: a plain field; the agent publishes only objects that are safe to read through a race.
 */
public interface AgentSlot {
  /** The agent's state for this object, or null. */
  Object cacheInvalidation$slot();

  /** Replaces the agent's state for this object. */
  void cacheInvalidation$slot(Object value);
}
