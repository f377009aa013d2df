package dev.cacheinvalidation.agent.source.jpa;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * Calls one no-argument method, by name, on objects of classes the agent cannot see at compile time
 * (Hibernate's: the agent is loaded apart from the application and must work with 6.6 and 7.x alike).
 *
 * <p>The method is looked up once per class (public methods first, then declared ones up the hierarchy: some
 * Hibernate getters are protected) and turned into a {@link Function} that calls it directly, spun by
 * {@link LambdaMetafactory} in the method's own class, so a call on the flush path costs an interface call
 * instead of a reflective one. Where that is refused (a named module that does not open the package) the
 * function calls the method reflectively. Functions are cached in a {@link ClassValue}, which does not keep
 * the application's classes alive, and the last class's is kept weakly in front of it. A missing method or a
 * failed call yields null, never an exception. Thread-safe.
 */
final class NoArgInvoker {
  private static final Function<Object, Object> MISSING = target -> null;

  private final String name;
  private final ClassValue<Accessor> accessors = new ClassValue<>() {
    @Override
    protected Accessor computeValue(Class<?> type) {
      Method method = find(type, name);
      if (method == null) {
        return new Accessor(type, MISSING);
      }
      Function<Object, Object> direct = direct(method);
      return new Accessor(type, direct != null ? direct : reflective(method));
    }
  };
  /**
   * The accessor of the class last called, in front of the class value: most invokers see one class. Weak, so
   * the invoker never keeps a class alive; while the class lives, the class value holds its accessor, so the
   * reference is not cleared under it. A plain field: a racing thread reads this or an older accessor, and
   * each is right for the class it names.
   */
  private WeakReference<Accessor> last = new WeakReference<>(null);

  NoArgInvoker(String name) {
    this.name = name;
  }

  /** The method's result, or null when the target is null, has no such method, or the call failed. */
  Object invoke(Object target) {
    if (target == null) {
      return null;
    }
    try {
      return accessorOf(target.getClass()).function.apply(target);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private Accessor accessorOf(Class<?> type) {
    Accessor cached = last.get();
    if (cached != null && cached.type == type) {
      return cached;
    }
    Accessor accessor = accessors.get(type);
    last = new WeakReference<>(accessor);
    return accessor;
  }

  private record Accessor(Class<?> type, Function<Object, Object> function) {}

  /** A function calling the method as compiled code would, or null when the JVM refuses to make one. */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> direct(Method method) {
    try {
      Class<?> owner = method.getDeclaringClass();
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      MethodHandle getter = lookup.unreflect(method);
      MethodType instantiated = MethodType.methodType(boxed(method.getReturnType()), owner);
      CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
          MethodType.methodType(Object.class, Object.class), getter, instantiated);
      return (Function<Object, Object>) site.getTarget().invoke();
    } catch (Throwable refused) {
      return null;
    }
  }

  private static Function<Object, Object> reflective(Method method) {
    return target -> {
      try {
        return method.invoke(target);
      } catch (ReflectiveOperationException e) {
        return null;
      }
    };
  }

  private static Class<?> boxed(Class<?> type) {
    return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
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
        // A public method of a non-public class (or a protected getter) needs this for the reflective
        // fallback; Hibernate is on the class path, in the unnamed module, so it is allowed.
        found.setAccessible(true);
      } catch (RuntimeException e) {
        // invoke() may still succeed for a public method of a public class
      }
    }
    return found;
  }
}
