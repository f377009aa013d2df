package dev.cacheinvalidation.agent.source.jpa;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * Reads one field, by name, declared by an object's class or a superclass; for Hibernate state that has no
 * getter. Looked up once per class and cached in a {@link ClassValue}. A missing field or a failed read yields
 * null. Thread-safe.
 */
final class FieldReader {
  private final String name;
  private final ClassValue<Optional<Field>> fields = new ClassValue<>() {
    @Override
    protected Optional<Field> computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        try {
          Field field = c.getDeclaredField(name);
          field.setAccessible(true);
          return Optional.of(field);
        } catch (NoSuchFieldException e) {
          // keep looking in the superclass
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    }
  };

  FieldReader(String name) {
    this.name = name;
  }

  /** The field's value, or null when the target is null, has no such field, or it cannot be read. */
  Object read(Object target) {
    if (target == null) {
      return null;
    }
    Field field = fields.get(target.getClass()).orElse(null);
    try {
      return field == null ? null : field.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
