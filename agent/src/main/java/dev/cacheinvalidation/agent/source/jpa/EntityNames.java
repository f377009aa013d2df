package dev.cacheinvalidation.agent.source.jpa;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names a JPA write is reported under, learned from every session factory's metamodel.
 *
 * <p>Keys are Hibernate entity names (the class name for a class-mapped entity, as {@code persist(String,
 * Object)} and the cascades pass them) and collection roles ({@code com.example.Post.tags}). An entity's names are
 * its JPA entity name followed by those of its entity superclasses, up to the root: see {@code docs/jpa.md} for
 * why a write to a subclass invalidates its supertypes. Bulk statements also reach the subclasses' rows, so they
 * have their own, wider list.
 *
 * Each entry is kept as {@link NamedWrites}, so the writes that report it are built once.
 *
 * <p>Thread-safety: lookups are lock-free reads of concurrent maps; a factory's entries are published when it
 * is learned.
 */
final class EntityNames {
  private final Map<String, NamedWrites> entityNames = new ConcurrentHashMap<>();
  private final Map<String, NamedWrites> bulkNames = new ConcurrentHashMap<>();
  private final Map<String, NamedWrites> collectionNames = new ConcurrentHashMap<>();

  void putEntity(String hibernateEntityName, List<String> names, List<String> namesForBulk) {
    entityNames.put(hibernateEntityName, new NamedWrites(names));
    bulkNames.put(hibernateEntityName, new NamedWrites(namesForBulk));
  }

  void putCollection(String role, List<String> names) {
    collectionNames.put(role, new NamedWrites(names));
  }

  /** The names of an entity by its Hibernate entity name, or null when no factory mapped it. */
  NamedWrites forEntityName(String hibernateEntityName) {
    return hibernateEntityName == null ? null : entityNames.get(hibernateEntityName);
  }

  /** The names a bulk statement on an entity invalidates, or null when no factory mapped it. */
  NamedWrites forBulk(String hibernateEntityName) {
    return hibernateEntityName == null ? null : bulkNames.get(hibernateEntityName);
  }

  /** The names written when a collection's rows change (empty for an inverse collection), or null. */
  NamedWrites forCollection(String role) {
    return role == null ? null : collectionNames.get(role);
  }

  /**
   * The names of an entity object, from its class or, for a Hibernate proxy or an enhanced subclass, the
   * nearest mapped superclass; null when none is mapped.
   */
  NamedWrites forEntity(Object entity) {
    for (Class<?> type = entity.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      NamedWrites names = entityNames.get(type.getName());
      if (names != null) {
        return names;
      }
    }
    return null;
  }
}
