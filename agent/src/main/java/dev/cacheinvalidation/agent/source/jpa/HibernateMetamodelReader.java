package dev.cacheinvalidation.agent.source.jpa;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Reads a Hibernate session factory's runtime metamodel by reflection (the same calls on 6.6 and 7.x) and
 * teaches {@link EntityNames} and the {@link NameCatalog} what it maps.
 *
 * <ul>
 *   <li>Entity names: the JPA entity name ({@code @Entity(name)}, else the simple class name), followed by those
 *       of its entity superclasses.
 *   <li>Tables: every table an entity has columns in (Hibernate's property spaces: its own table, its
 *       superclasses' tables under joined inheritance, the shared table under single-table inheritance, and
 *       secondary tables) maps to that entity's names. So a joined root table maps to the root and every
 *       subclass, and a single table to the whole hierarchy: a JDBC write cannot tell which subclass's row it
 *       touched, and over-invalidating is safe where under-invalidating is not.
 *   <li>Collection tables: a many-to-many join table maps to the owner's and the element's names, an element
 *       collection's table to the owner's; one-to-many collections use the child's table, already mapped.
 * </ul>
 * Stateless; called once per factory, on the thread that built it.
 */
final class HibernateMetamodelReader {
  private static final Logger log = AgentLog.get(HibernateMetamodelReader.class);

  private static final NoArgInvoker MAPPING_METAMODEL = new NoArgInvoker("getMappingMetamodel");
  private static final NoArgInvoker ENTITY_NAME = new NoArgInvoker("getEntityName");
  private static final NoArgInvoker JPA_ENTITY_NAME = new NoArgInvoker("getJpaEntityName");
  private static final NoArgInvoker MAPPED_CLASS = new NoArgInvoker("getMappedClass");
  private static final NoArgInvoker SUPER_MAPPING_TYPE = new NoArgInvoker("getSuperMappingType");
  private static final NoArgInvoker PROPERTY_SPACES = new NoArgInvoker("getPropertySpaces");
  private static final NoArgInvoker ROLE = new NoArgInvoker("getRole");
  private static final NoArgInvoker OWNER = new NoArgInvoker("getOwnerEntityPersister");
  private static final NoArgInvoker ELEMENT = new NoArgInvoker("getElementPersister");
  private static final NoArgInvoker TABLE_NAME = new NoArgInvoker("getTableName");
  private static final NoArgInvoker IS_INVERSE = new NoArgInvoker("isInverse");
  private static final NoArgInvoker IS_MANY_TO_MANY = new NoArgInvoker("isManyToMany");
  private static final NoArgInvoker IS_ONE_TO_MANY = new NoArgInvoker("isOneToMany");

  private HibernateMetamodelReader() {}

  /** One entity as the metamodel describes it. */
  private record Entity(String hibernateName, String jpaName, String superName, List<String> tables) {}

  /**
   * Learns one factory's metamodel.
   *
   * @return the number of entities learned (0 when the metamodel could not be read)
   */
  static int learn(Object factory, EntityNames names, NameCatalog catalog) throws ReflectiveOperationException {
    Object metamodel = MAPPING_METAMODEL.invoke(factory);
    if (metamodel == null) {
      log.warn("cannot read the metamodel of {}: JPA writes are named by simple class names",
          factory.getClass().getName());
      return 0;
    }
    Map<String, Entity> entities = new LinkedHashMap<>();
    for (Object persister : forEach(metamodel, "forEachEntityDescriptor")) {
      Entity entity = describe(persister);
      if (entity != null) {
        entities.put(entity.hibernateName(), entity);
      }
    }
    Map<String, List<String>> namesByEntity = new LinkedHashMap<>();
    for (Entity entity : entities.values()) {
      namesByEntity.put(entity.hibernateName(), lineage(entity, entities));
    }
    for (Entity entity : entities.values()) {
      List<String> own = namesByEntity.get(entity.hibernateName());
      Set<String> bulk = new LinkedHashSet<>(own);
      for (Entity other : entities.values()) {
        if (lineageNames(other, entities).contains(entity.hibernateName())) {
          bulk.add(other.jpaName());
        }
      }
      names.putEntity(entity.hibernateName(), own, new ArrayList<>(bulk));
      for (String table : entity.tables()) {
        learnTable(catalog, table, own);
      }
    }
    for (Object collection : forEach(metamodel, "forEachCollectionDescriptor")) {
      learnCollection(collection, namesByEntity, names, catalog);
    }
    log.info("learned {} entities of session factory {}", entities.size(), factory.getClass().getSimpleName());
    return entities.size();
  }

  private static Entity describe(Object persister) {
    Object hibernateName = ENTITY_NAME.invoke(persister);
    if (!(hibernateName instanceof String name)) {
      return null;
    }
    Object superType = SUPER_MAPPING_TYPE.invoke(persister);
    Object superName = superType == null ? null : ENTITY_NAME.invoke(superType);
    List<String> tables = new ArrayList<>();
    if (PROPERTY_SPACES.invoke(persister) instanceof Object[] spaces) {
      for (Object space : spaces) {
        if (space != null) {
          tables.add(space.toString());
        }
      }
    }
    return new Entity(name, jpaName(persister, name), (String) superName, tables);
  }

  /** 7.x says; for 6.6, what JPA says: {@code @Entity(name)}, else the unqualified class (or entity) name. */
  static String jpaName(Object persister, String hibernateName) {
    if (JPA_ENTITY_NAME.invoke(persister) instanceof String name && !name.isEmpty()) {
      return name;
    }
    if (MAPPED_CLASS.invoke(persister) instanceof Class<?> type && !Map.class.isAssignableFrom(type)) {
      for (Annotation annotation : type.getDeclaredAnnotations()) {
        if (annotation.annotationType().getName().equals("jakarta.persistence.Entity")) {
          try {
            Object name = annotation.annotationType().getMethod("name").invoke(annotation);
            if (name instanceof String text && !text.isEmpty()) {
              return text;
            }
          } catch (ReflectiveOperationException e) {
            // fall back to the simple name
          }
        }
      }
      return type.getSimpleName();
    }
    return hibernateName.substring(hibernateName.lastIndexOf('.') + 1);
  }

  private static List<String> lineage(Entity entity, Map<String, Entity> entities) {
    List<String> result = new ArrayList<>();
    for (String name : lineageNames(entity, entities)) {
      result.add(entities.get(name).jpaName());
    }
    return result;
  }

  /** The Hibernate names of the entity and its entity superclasses, the entity first. */
  private static List<String> lineageNames(Entity entity, Map<String, Entity> entities) {
    List<String> result = new ArrayList<>();
    for (Entity current = entity; current != null && !result.contains(current.hibernateName());
        current = current.superName() == null ? null : entities.get(current.superName())) {
      result.add(current.hibernateName());
    }
    return result;
  }

  private static void learnCollection(Object collection, Map<String, List<String>> namesByEntity,
      EntityNames names, NameCatalog catalog) {
    Object role = ROLE.invoke(collection);
    Object ownerName = ENTITY_NAME.invoke(OWNER.invoke(collection));
    List<String> owner = ownerName == null ? null : namesByEntity.get(ownerName);
    if (!(role instanceof String roleName) || owner == null) {
      return;
    }
    boolean manyToMany = Boolean.TRUE.equals(IS_MANY_TO_MANY.invoke(collection));
    boolean oneToMany = Boolean.TRUE.equals(IS_ONE_TO_MANY.invoke(collection));
    boolean inverse = Boolean.TRUE.equals(IS_INVERSE.invoke(collection));
    Set<String> written = new LinkedHashSet<>(owner);
    if (manyToMany || oneToMany) {
      // getElementPersister() throws for element collections, so only asked of associations.
      Object elementName = ENTITY_NAME.invoke(ELEMENT.invoke(collection));
      List<String> element = elementName == null ? null : namesByEntity.get(elementName);
      if (element != null) {
        written.addAll(element);
      }
    }
    if (!oneToMany && TABLE_NAME.invoke(collection) instanceof String table) {
      learnTable(catalog, table, List.copyOf(written));
    }
    // An inverse (mappedBy) collection writes nothing: the owning side's SQL does.
    names.putCollection(roleName, inverse ? List.of() : List.copyOf(written));
  }

  /**
   * Learns a table under its name as Hibernate renders it (maybe quoted, maybe {@code schema.table}), unquoted;
   * a qualified name is also learned bare, because SQL often leaves the schema out.
   */
  static void learnTable(NameCatalog catalog, String rendered, List<String> entityNames) {
    String table = rendered.replace("\"", "").replace("`", "").replace("[", "").replace("]", "")
        .toLowerCase(Locale.ROOT);
    catalog.learnTable(table, entityNames);
    int dot = table.lastIndexOf('.');
    if (dot >= 0) {
      catalog.learnTable(table.substring(dot + 1), entityNames);
    }
    if (log.isDebugEnabled()) {
      log.debug("table {} -> {}", table, entityNames);
    }
  }

  private static List<Object> forEach(Object metamodel, String method) throws ReflectiveOperationException {
    List<Object> out = new ArrayList<>();
    Method forEach = metamodel.getClass().getMethod(method, Consumer.class);
    forEach.setAccessible(true);
    Consumer<Object> collector = out::add;
    forEach.invoke(metamodel, collector);
    return out;
  }
}
