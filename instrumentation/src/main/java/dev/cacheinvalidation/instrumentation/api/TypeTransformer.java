package dev.cacheinvalidation.instrumentation.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Collects the advice a {@link TypeInstrumentation} applies.
 *
 * <p>Advice is named by its binary class name, never by a {@code Class} literal, so the agent never loads an
 * advice class itself: Byte Buddy reads its bytes and inlines them into the instrumented method.
 */
public interface TypeTransformer {
  void applyAdviceToMethod(ElementMatcher<? super MethodDescription> methodMatcher, String adviceClassName);
}
