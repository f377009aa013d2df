package dev.cacheinvalidation.instrumentation.graphql;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.instrumentation.api.InstrumentationModule;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Detects GraphQL mutations through graphql-java's own {@code Instrumentation} API, the one place every
 * execution passes through whatever framework builds the engine (plain graphql-java, Spring for GraphQL,
 * Netflix DGS all end in {@code GraphQL.Builder.build()}).
 *
 * <p>The only bytecode change is at build time: the builder's instrumentation becomes a chain of the
 * application's own and the agent's (see {@code helper.CacheInvalidationInstrumentation}). Nothing is
 * touched on the execution path; the engine itself calls the agent's instrumentation. Immutable and
 * thread-safe.
 */
public final class GraphQlInstrumentationModule implements InstrumentationModule {
  static final String BUILDER = "graphql.GraphQL$Builder";

  /**
   * The package whose classes are compiled against graphql-java and must be defined in a class loader that
   * sees the application's graphql-java (never loaded by the agent's own loader).
   */
  public static final String HELPER_PACKAGE = "dev.cacheinvalidation.instrumentation.graphql.helper.";

  /** The helper with the static {@code chain(Object)} entry point. */
  public static final String HELPER_INSTRUMENTATION = HELPER_PACKAGE + "CacheInvalidationInstrumentation";

  @Override
  public String name() {
    return "graphql";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new BuilderInstrumentation());
  }

  static final class BuilderInstrumentation implements TypeInstrumentation {
    @Override
    public Prefilter prefilter() {
      return Prefilter.named(BUILDER);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(BUILDER);
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(named("build").and(takesArguments(0)), BuildAdvice.class.getName());
    }
  }

  /**
   * Advice: before the engine is built, replaces the builder's instrumentation with one that includes the
   * agent's. Writing the builder's field (rather than the engine's final field) keeps a second
   * {@code build()} of the same builder, and {@code GraphQL.transform}, from adding the agent twice: the
   * helper sees its own instrumentation already in the chain.
   */
  public static final class BuildAdvice {
    private BuildAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Origin Class<?> builderType,
        @Advice.FieldValue(value = "instrumentation", readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object instrumentation) {
      Object chained = Bridge.graphQl().engineBuilding(instrumentation, builderType);
      if (chained != instrumentation) {
        instrumentation = chained;
      }
    }
  }
}
