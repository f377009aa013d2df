package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.bridge.AgentSlot;
import java.util.function.Function;

/**
 * The agent's state of one kind for JDBC objects (a prepared statement's SQL, a connection's transaction):
 * kept in the object itself when its class carries the agent's field ({@link AgentSlot}), else in a weak
 * identity map, so the agent never keeps the object alive either way. Only one kind of state is ever put on
 * one object, and a value that is not of this kind reads as absent.
 *
 * <p>Thread-safety: safe for concurrent use. The map is thread-safe; the field is plain, which is enough for
 * objects JDBC lets one thread use at a time, and {@link #computeIfAbsent} locks the object to create a value
 * only once even when it is not.
 *
 * @param <T> the kind of state
 */
final class ObjectState<T> {
  private final Class<T> type;
  private final WeakIdentityMap<T> fallback = new WeakIdentityMap<>();

  ObjectState(Class<T> type) {
    this.type = type;
  }

  /** The object's state, or null. */
  T get(Object target) {
    if (target instanceof AgentSlot slot) {
      Object value = slot.cacheInvalidation$slot();
      return type.isInstance(value) ? type.cast(value) : null;
    }
    return fallback.get(target);
  }

  /** Replaces the object's state; null removes it. */
  void put(Object target, T value) {
    if (target instanceof AgentSlot slot) {
      slot.cacheInvalidation$slot(value);
    } else if (value == null) {
      fallback.remove(target);
    } else {
      fallback.put(target, value);
    }
  }

  /** Removes and returns the object's state, or null. */
  T remove(Object target) {
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
  T computeIfAbsent(Object target, Function<Object, T> create) {
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
