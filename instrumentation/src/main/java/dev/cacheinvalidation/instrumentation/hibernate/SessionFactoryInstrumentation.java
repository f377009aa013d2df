package dev.cacheinvalidation.instrumentation.hibernate;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Reports each {@code SessionFactoryImpl} when its constructor returns: the runtime metamodel (persisters) is
 * complete then, and it is built once per factory, so reading it costs nothing per operation. Immutable.
 */
final class SessionFactoryInstrumentation implements TypeInstrumentation {
  static final String SESSION_FACTORY = "org.hibernate.internal.SessionFactoryImpl";

  @Override
  public Prefilter prefilter() {
    return Prefilter.named(SESSION_FACTORY);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SESSION_FACTORY);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(isConstructor(), BuiltAdvice.class.getName());
  }

  /** Advice: the factory is built. A constructor that delegates to another reports twice; the sink dedupes. */
  public static final class BuiltAdvice {
    private BuiltAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object factory) {
      Bridge.jpa().sessionFactoryBuilt(factory);
    }
  }
}
