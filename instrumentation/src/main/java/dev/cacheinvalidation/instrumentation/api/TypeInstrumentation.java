package dev.cacheinvalidation.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.any;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Says three things and nothing else: which class loaders are worth looking at, which types, and which
 * methods get which advice.
 *
 * <p>The class-loader matcher is checked first and must be cheap (a "has class X" lookup), because the type
 * matcher may have to parse class files. Implementations are immutable and thread-safe.
 */
public interface TypeInstrumentation {

  /** A cheap pre-filter: class loaders that cannot contain a matching type are skipped. */
  default ElementMatcher<ClassLoader> classLoaderOptimization() {
    return any();
  }

  /**
   * Judged on the class's name and bytes before anything else; must never reject a class the type matcher
   * would accept.
   */
  Prefilter prefilter();

  /** The types to transform. */
  ElementMatcher<TypeDescription> typeMatcher();

  /** Applies advice to the methods of a matched type. */
  void transform(TypeTransformer transformer);

  /**
   * Whether matched types get a field for the agent's per-object state ({@link
   * dev.cacheinvalidation.bridge.AgentSlot}) where that is safe; the advice must work without it too.
   */
  default boolean carriesAgentSlot() {
    return false;
  }
}
