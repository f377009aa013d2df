package dev.cacheinvalidation.agent.source.jpa;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Calls one no-argument method, by name, on objects of classes the agent cannot see at compile time
 * (Hibernate's: the agent is loaded apart from the application and must work with 6.6 and 7.x alike).
 *
 * <p>The method is looked up once per class (public methods first, then declared ones up the hierarchy, made
 * accessible: some Hibernate getters are protected) and cached in a {@link ClassValue}, which does not keep the
 * application's classes alive. A missing method or a failed call yields null, never an exception.
 * Thread-safe.
 */
final class NoArgInvoker {
  private final String name;
  private final ClassValue<Optional<Method>> methods = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> type) {
      return Optional.ofNullable(find(type, name));
    }
  };

  NoArgInvoker(String name) {
    this.name = name;
  }

  /** The method's result, or null when the target is null, has no such method, or the call failed. */
  Object invoke(Object target) {
    if (target == null) {
      return null;
    }
    Method method = methods.get(target.getClass()).orElse(null);
    if (method == null) {
      return null;
    }
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Whether objects of this class have the method. */
  boolean isPresentOn(Class<?> type) {
    return methods.get(type).isPresent();
  }

  private static Method find(Class<?> type, String name) {
    Method found = null;
    try {
      found = type.getMethod(name);
    } catch (NoSuchMethodException e) {
      for (Class<?> c = type; c != null && found == null; c = c.getSuperclass()) {
        try {
          found = c.getDeclaredMethod(name);
        } catch (NoSuchMethodException next) {
          // keep looking in the superclass
        }
      }
    }
    if (found != null) {
      try {
        // A public method of a non-public class (or a protected getter) needs this; Hibernate is on the class
        // path, in the unnamed module, so it is allowed.
        found.setAccessible(true);
      } catch (RuntimeException e) {
        // invoke() may still succeed for a public method of a public class
      }
    }
    return found;
  }
}
