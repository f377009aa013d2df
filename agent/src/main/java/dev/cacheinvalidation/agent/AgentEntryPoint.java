package dev.cacheinvalidation.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * {@code premain} and {@code agentmain}: one path, which never throws.
 *
 * <p>The bridge jar nested in the agent jar is appended to the bootstrap class path before anything that
 * refers to it is loaded; the rest of the agent is started reflectively so that this class links against
 * nothing but {@code java.base}. Any failure prints one line, {@code [cache-invalidation] disabled: <reason>},
 * and the application runs on without the agent.
 */
public final class AgentEntryPoint {
  private static final String BRIDGE_RESOURCE = "META-INF/cache-invalidation/bridge.jar";

  private AgentEntryPoint() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  private static void start(String arguments, Instrumentation instrumentation, boolean dynamic) {
    try {
      if (System.getProperty("dev.cacheinvalidation.agent.version") != null) {
        System.err.println("[cache-invalidation] already running in this JVM; ignoring the second start");
        return;
      }
      appendBridgeToBootstrap(instrumentation);
      Class.forName("dev.cacheinvalidation.agent.AgentStarter")
          .getMethod("start", String.class, Instrumentation.class, boolean.class)
          .invoke(null, arguments, instrumentation, dynamic);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
          ? t.getCause() : t;
      System.err.println("[cache-invalidation] disabled: " + cause);
    }
  }

  /**
   * Puts the bridge classes into the boot loader. They are defined there directly: appending a jar to the
   * bootstrap class path would make the JVM print a warning on standard output and turn class-data sharing
   * off for every non-boot class, slowing the application's start-up. Appending is the fallback.
   */
  private static void appendBridgeToBootstrap(Instrumentation instrumentation) throws IOException {
    byte[] jar;
    try (InputStream in = AgentEntryPoint.class.getClassLoader().getResourceAsStream(BRIDGE_RESOURCE)) {
      if (in == null) {
        throw new IOException(BRIDGE_RESOURCE + " is missing from the agent jar");
      }
      jar = in.readAllBytes();
    }
    try {
      defineInBootLoader(instrumentation, readClasses(jar));
    } catch (Throwable definingFailed) {
      Path file = Files.createTempFile("cache-invalidation-bridge", ".jar");
      file.toFile().deleteOnExit();
      Files.write(file, jar);
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
    }
  }

  private static Map<String, byte[]> readClasses(byte[] jar) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static void defineInBootLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    Module javaBase = Object.class.getModule();
    Module agentModule = AgentEntryPoint.class.getModule();
    instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(agentModule)), Map.of(),
        Set.of(), Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
        ClassLoader.class, ProtectionDomain.class);
    // A class needs its super types defined first; retry until every class is in or no progress is made.
    Map<String, byte[]> remaining = new LinkedHashMap<>(classes);
    while (!remaining.isEmpty()) {
      int before = remaining.size();
      Throwable last = null;
      for (var iterator = remaining.entrySet().iterator(); iterator.hasNext(); ) {
        var entry = iterator.next();
        try {
          if (Class.forName(entry.getKey(), false, null) != null) {
            iterator.remove();
            continue;
          }
        } catch (ClassNotFoundException notYetDefined) {
          // define it below
        }
        try {
          byte[] bytes = entry.getValue();
          define.invoke(unsafe, entry.getKey(), bytes, 0, bytes.length, null, null);
          iterator.remove();
        } catch (java.lang.reflect.InvocationTargetException e) {
          last = e.getCause();
        }
      }
      if (remaining.size() == before) {
        throw new IllegalStateException("cannot define " + remaining.keySet(), last);
      }
    }
  }
}
