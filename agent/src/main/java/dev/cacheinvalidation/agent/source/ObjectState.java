package dev.cacheinvalidation.agent.source;

import dev.cacheinvalidation.bridge.AgentSlot;
import java.util.function.Function;

/**
 * The agent's state of one kind for the application's objects (a prepared statement's SQL, a connection's
 * transaction, a Hibernate session's unit of work): kept in the object itself when its class carries the
 * agent's field ({@link AgentSlot}), else in a weak identity map, so the agent never keeps the object alive
 * either way. Only one kind of state is ever put on one object, and a value that is not of this kind reads as
 * absent.
 *
 * <p>Thread-safety: safe for concurrent use. The map is thread-safe; the field is plain, which is enough for
 * objects used by one thread at a time (JDBC statements and connections, sessions; a transaction that ends on
 * another thread is handed over with a happens-before edge of its own), and {@link #computeIfAbsent} locks the
 * object to create a value only once even when it is not.
 *
 * @param <T> the kind of state
 */
public final class ObjectState<T> {
  private final Class<T> type;
  private final WeakIdentityMap<T> fallback = new WeakIdentityMap<>();

  public ObjectState(Class<T> type) {
    this.type = type;
  }

  /**
   * Whether the object's state lives in the object itself. Only then may the state refer back to objects that
   * refer to it (its connection): in the weak map that would keep the key alive.
   */
  public static boolean heldInObject(Object target) {
    return target instanceof AgentSlot;
  }

  /** The object's state, or null. */
  public T get(Object target) {
    if (target instanceof AgentSlot slot) {
      Object value = slot.cacheInvalidation$slot();
      return type.isInstance(value) ? type.cast(value) : null;
    }
    return fallback.get(target);
  }

  /** Replaces the object's state; null removes it. */
  public void put(Object target, T value) {
    if (target instanceof AgentSlot slot) {
      slot.cacheInvalidation$slot(value);
    } else if (value == null) {
      fallback.remove(target);
    } else {
      fallback.put(target, value);
    }
  }

  /** Removes and returns the object's state, or null. */
  public T remove(Object target) {
    if (target instanceof AgentSlot slot) {
      T value = get(target);
      if (value != null) {
        slot.cacheInvalidation$slot(null);
      }
      return value;
    }
    return fallback.remove(target);
  }

  /** The object's state, created by {@code create} when it has none. */
  public T computeIfAbsent(Object target, Function<Object, T> create) {
    if (target instanceof AgentSlot slot) {
      T existing = get(target);
      if (existing != null) {
        return existing;
      }
      T created = create.apply(target);
      synchronized (slot) {
        T raced = get(target);
        if (raced != null) {
          return raced;
        }
        slot.cacheInvalidation$slot(created);
        return created;
      }
    }
    return fallback.computeIfAbsent(target, create);
  }
}
