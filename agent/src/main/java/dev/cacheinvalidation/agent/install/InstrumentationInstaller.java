package dev.cacheinvalidation.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.instrumentation.api.InstrumentationModule;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;

/**
 * Installs the instrumentation modules with one Byte Buddy {@link AgentBuilder}.
 *
 * <p>Cost at class-load time is what matters: JDK classes, the agent's own classes (including its relocated
 * Redis client, so its own traffic is never seen) and the bootstrap and platform loaders are ignored by name
 * and loader before any type matcher runs; each type instrumentation's class-loader pre-filter runs before
 * its type matcher. Advice changes method bodies only, so retransformation after a late attach works; the one
 * change of class format, the agent's field on JDBC classes ({@link AgentSlotField}), is made only while a
 * class is first defined, never on retransformation.
 */
public final class InstrumentationInstaller {
  private static final Logger log = AgentLog.get(InstrumentationInstaller.class);

  private InstrumentationInstaller() {}

  /**
   * Installs every module.
   *
   * <p>At start-up ({@code premain}) only a JDK-level prefiltering transformer is registered and Byte Buddy is
   * built at the first candidate class. After a dynamic attach, Byte Buddy is installed at once with
   * retransformation, so classes the application already loaded are instrumented too.
   *
   * @param retransform whether already-loaded classes are transformed too (dynamic attach)
   * @param fieldInjection whether types that {@linkplain TypeInstrumentation#carriesAgentSlot() ask for it}
   *     get the agent's field where that is safe ({@link AgentSlotField})
   */
  public static void install(Instrumentation instrumentation, List<InstrumentationModule> modules,
      boolean retransform, boolean fieldInjection) {
    if (retransform) {
      agentBuilder(modules, fieldInjection)
          .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
          .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
          .installOn(instrumentation);
      return;
    }
    List<Prefilter> prefilters = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        prefilters.add(type.prefilter());
      }
    }
    instrumentation.addTransformer(
        new PrefilteringTransformer(new ClassPrefilter(prefilters),
            () -> agentBuilder(modules, fieldInjection).makeRaw()), false);
  }

  private static AgentBuilder agentBuilder(List<InstrumentationModule> modules, boolean fieldInjection) {
    // Byte Buddy's Nexus is only needed for LoadedTypeInitializers, which advice never uses; disabling it keeps
    // Byte Buddy from touching sun.misc.Unsafe (a warning on JDK 24+). The shade step relocates this property
    // name along with Byte Buddy, so only the agent's copy reads it, never the application's.
    System.setProperty("net.bytebuddy.nexus.disabled", "true");
    ClassLoader agentLoader = InstrumentationInstaller.class.getClassLoader();
    // Advice only rewrites a type's declared methods, so Byte Buddy need not compile the method graph of the
    // type's whole hierarchy (for Hibernate's SessionImpl: hundreds of methods over dozens of super types,
    // each read through the class loader) before each transformation.
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
        .disableClassFormatChanges()
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(TypePool.Default.ReaderMode.FAST,
            new ConcurrentHashMap<>()))
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        // A type's super types and the types its methods mention are read through the loader that defines it
        // (the application's libraries may live in a loader the agent cannot see: Spring Boot's
        // LaunchedClassLoader, an application server's), then through the agent's own loader.
        .with(new AgentBuilder.LocationStrategy.Compound(AgentBuilder.LocationStrategy.ForClassLoader.WEAK,
            new AgentBuilder.LocationStrategy.Simple(ClassFileLocator.ForClassLoader.of(agentLoader))))
        .with(new ErrorListener())
        .ignore(nameStartsWith("java.")
            .or(nameStartsWith("jdk."))
            .or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun."))
            .or(nameStartsWith("dev.cacheinvalidation."))
            .or(isSynthetic()), isBootstrapClassLoader().or(isPlatformClassLoader()));
    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
            .include(agentLoader)
            .withExceptionHandler(Advice.ExceptionHandler.Default.SUPPRESSING);
        AdviceCollector collector = new AdviceCollector(advice);
        type.transform(collector);
        builder = builder.type(type.typeMatcher(), type.classLoaderOptimization()).transform(collector.advice);
        if (fieldInjection && type.carriesAgentSlot()) {
          builder = builder.type(AgentSlotField.targets(type.typeMatcher()))
              .transform((typeBuilder, typeDescription, classLoader, javaModule, domain) ->
                  typeBuilder.visit(AgentSlotField.INSTANCE));
        }
      }
    }
    return builder;
  }

  private static ElementMatcher<ClassLoader> isPlatformClassLoader() {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    return loader -> loader == platform;
  }

  private static final class AdviceCollector implements dev.cacheinvalidation.instrumentation.api.TypeTransformer {
    AgentBuilder.Transformer.ForAdvice advice;

    AdviceCollector(AgentBuilder.Transformer.ForAdvice advice) {
      this.advice = advice;
    }

    @Override
    public void applyAdviceToMethod(
        ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methodMatcher,
        String adviceClassName) {
      advice = advice.advice(methodMatcher, adviceClassName);
    }
  }

  /** Logs types that could not be instrumented, at debug: the application runs on either way. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
        Throwable throwable) {
      log.debug("could not instrument {}: {}", typeName, throwable.toString());
    }

    @Override
    public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
        boolean loaded, DynamicType dynamicType) {
      if (log.isTraceEnabled()) {
        log.trace("instrumented {}", typeDescription.getName());
      }
    }
  }
}
