package dev.cacheinvalidation.samples.blog.graphql;

import dev.cacheinvalidation.samples.blog.persistence.BlogDatabase;
import dev.cacheinvalidation.samples.blog.read.EntityViews;
import graphql.schema.DataFetcher;
import graphql.schema.idl.TypeRuntimeWiring;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generated CRUD part of the schema, in the style of schema generators (Hasura, PostGraphile, graphene's
 * model mutations): for every JPA entity {@code insert_<entity>(object)}, {@code update_<entity>_by_pk(id,
 * _set)} and {@code delete_<entity>_by_pk(id)}, over the entity's plain columns and its many-to-one links
 * ({@code <link>_id}); collections are left to the hand-written mutations. Nobody wrote these resolvers by
 * hand, so nobody wrote cache code for them either. Thread-safe.
 */
final class GeneratedCrud {
  private static final Map<Class<?>, String> SCALARS = Map.of(String.class, "String", Integer.class, "Int",
      int.class, "Int", Boolean.class, "Boolean", boolean.class, "Boolean", Double.class, "Float",
      double.class, "Float");

  private final BlogDatabase database;
  private final List<EntityType<?>> entities;

  GeneratedCrud(BlogDatabase database) {
    this.database = database;
    this.entities = database.metamodel().getEntities().stream()
        .sorted(Comparator.comparing(EntityType::getName)).toList();
  }

  /** The SDL of the generated inputs and the {@code extend type Mutation} that uses them. */
  String schema() {
    StringBuilder inputs = new StringBuilder();
    StringBuilder mutations = new StringBuilder("extend type Mutation {\n");
    for (EntityType<?> entity : entities) {
      String prefix = entity.getName().toLowerCase(Locale.ROOT);
      inputs.append("input ").append(prefix).append("_fields {\n");
      for (SingularAttribute<?, ?> attribute : columns(entity)) {
        inputs.append("  ").append(fieldName(attribute)).append(": ").append(graphQlType(attribute)).append('\n');
      }
      inputs.append("}\n");
      String type = entity.getName();
      mutations.append("  insert_").append(prefix).append("(object: ").append(prefix).append("_fields!): ")
          .append(type).append('\n')
          .append("  update_").append(prefix).append("_by_pk(id: ID!, _set: ").append(prefix).append("_fields!): ")
          .append(type).append('\n')
          .append("  delete_").append(prefix).append("_by_pk(id: ID!): ").append(type).append('\n');
    }
    return inputs.append(mutations).append("}\n").toString();
  }

  void wire(TypeRuntimeWiring.Builder mutation) {
    for (EntityType<?> entity : entities) {
      String prefix = entity.getName().toLowerCase(Locale.ROOT);
      mutation.dataFetcher("insert_" + prefix, insert(entity));
      mutation.dataFetcher("update_" + prefix + "_by_pk", update(entity));
      mutation.dataFetcher("delete_" + prefix + "_by_pk", delete(entity));
    }
  }

  private DataFetcher<Object> insert(EntityType<?> entity) {
    return env -> database.inTransaction(session -> {
      Object instance = newInstance(entity.getJavaType());
      assign(session, entity, instance, Arguments.input(env, "object"));
      session.persist(instance);
      session.flush();
      return EntityViews.of(instance);
    });
  }

  private DataFetcher<Object> update(EntityType<?> entity) {
    return env -> database.inTransaction(session -> {
      Object instance = session.find(entity.getJavaType(), Arguments.id(env, "id"));
      if (instance == null) {
        return null;
      }
      assign(session, entity, instance, Arguments.input(env, "_set"));
      session.flush();
      return EntityViews.of(instance);
    });
  }

  private DataFetcher<Object> delete(EntityType<?> entity) {
    return env -> database.inTransaction(session -> {
      Object instance = session.find(entity.getJavaType(), Arguments.id(env, "id"));
      if (instance == null) {
        return null;
      }
      Object view = EntityViews.of(instance);
      session.remove(instance);
      session.flush();
      return view;
    });
  }

  private void assign(EntityManager session, EntityType<?> entity, Object instance, Map<String, Object> values) {
    for (SingularAttribute<?, ?> attribute : columns(entity)) {
      String field = fieldName(attribute);
      if (!values.containsKey(field)) {
        continue;
      }
      Object value = values.get(field);
      if (isLink(attribute) && value != null) {
        Object target = session.find(attribute.getJavaType(), Arguments.id(value));
        if (target == null) {
          throw new IllegalArgumentException("no " + attribute.getName() + " with id " + value);
        }
        value = target;
      }
      set(instance, attribute, value);
    }
  }

  private static List<SingularAttribute<?, ?>> columns(EntityType<?> entity) {
    return entity.getSingularAttributes().stream()
        .filter(attribute -> !attribute.isId() && !attribute.isVersion())
        .filter(attribute -> isLink(attribute) || SCALARS.containsKey(attribute.getJavaType()))
        .sorted(Comparator.comparing(Attribute::getName))
        .<SingularAttribute<?, ?>>map(attribute -> attribute)
        .toList();
  }

  private static boolean isLink(SingularAttribute<?, ?> attribute) {
    return attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.MANY_TO_ONE
        || attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.ONE_TO_ONE;
  }

  private static String fieldName(SingularAttribute<?, ?> attribute) {
    return isLink(attribute) ? attribute.getName() + "_id" : attribute.getName();
  }

  private static String graphQlType(SingularAttribute<?, ?> attribute) {
    return isLink(attribute) ? "ID" : SCALARS.get(attribute.getJavaType());
  }

  private static Object newInstance(Class<?> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException("cannot create a " + type.getSimpleName(), e);
    }
  }

  private static void set(Object instance, SingularAttribute<?, ?> attribute, Object value) {
    try {
      Field field = (Field) attribute.getJavaMember();
      field.setAccessible(true);
      field.set(instance, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set " + attribute.getName(), e);
    }
  }
}
