package dev.cacheinvalidation.agent.source.graphql;

import dev.cacheinvalidation.instrumentation.graphql.GraphQlInstrumentationModule;
import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the agent's graphql-java helper classes next to the application's graphql-java: a child of the
 * loader that loaded graphql-java, which defines the helper package itself (from the class files in the agent
 * jar) and delegates everything else to that loader.
 *
 * <p>Helpers are defined here rather than injected into the application's loader: no {@code Unsafe}, no
 * opened JDK packages, and the application's loader stays untouched. The helper package is never delegated,
 * even when the parent could load it (the agent jar is on the system class path): a helper loaded by a loader
 * that cannot see graphql-java would not link. Thread-safety: parallel capable; each class is defined once
 * under the JDK's per-name lock.
 */
final class HelperClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ClassLoader agentLoader;

  HelperClassLoader(ClassLoader engineLoader, ClassLoader agentLoader) {
    super("cache-invalidation-graphql", engineLoader);
    this.agentLoader = agentLoader;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(GraphQlInstrumentationModule.HELPER_PACKAGE)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = define(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private Class<?> define(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = agentLoader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name + " (no " + resource + " in the agent jar)");
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length, HelperClassLoader.class.getProtectionDomain());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
