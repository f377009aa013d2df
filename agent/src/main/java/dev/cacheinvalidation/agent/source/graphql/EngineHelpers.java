package dev.cacheinvalidation.agent.source.graphql;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.instrumentation.graphql.GraphQlInstrumentationModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Adds the agent's graphql-java instrumentation to an engine being built, through the helper classes
 * defined (once per graphql-java copy) by a {@link HelperClassLoader}.
 *
 * <p>The helper's entry point is kept in a {@link ClassValue} of the builder class: one lookup per build,
 * and nothing keeps an undeployed application's classes alive. Thread-safe; never throws.
 */
final class EngineHelpers {
  private static final Logger log = AgentLog.get(EngineHelpers.class);
  private static final MethodType CHAIN = MethodType.methodType(Object.class, Object.class);

  private final ClassLoader agentLoader;
  private final AtomicBoolean failureLogged = new AtomicBoolean();
  private final ClassValue<MethodHandle> chainers = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> builderType) {
      try {
        HelperClassLoader loader = new HelperClassLoader(builderType.getClassLoader(), agentLoader);
        Class<?> helper = Class.forName(GraphQlInstrumentationModule.HELPER_INSTRUMENTATION, true, loader);
        return MethodHandles.publicLookup().findStatic(helper, "chain", CHAIN);
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException(e);
      }
    }
  };

  EngineHelpers(ClassLoader agentLoader) {
    this.agentLoader = agentLoader;
  }

  /** The instrumentation to build with; {@code existing} itself when the agent's cannot be added. */
  Object chain(Object existing, Class<?> builderType) {
    try {
      return (Object) chainers.get(builderType).invokeExact(existing);
    } catch (Throwable t) {
      if (failureLogged.compareAndSet(false, true)) {
        log.warn("cannot add the agent's graphql-java instrumentation (mutations will not be detected): {}",
            t.getCause() != null ? t.getCause().toString() : t.toString());
      }
      return existing;
    }
  }
}
