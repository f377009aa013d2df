package dev.cacheinvalidation.instrumentation.hibernate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.bridge.JpaCalls;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code StatelessSessionImpl}: insert/update/delete/upsert (and 7's {@code ...Multiple} forms) write at once,
 * so outside a transaction they are committed when they return; and the end of each transaction. Immutable.
 */
final class StatelessSessionInstrumentation implements TypeInstrumentation {
  static final String STATELESS_SESSION = "org.hibernate.internal.StatelessSessionImpl";

  static final String[] OPERATIONS = {"insert", "update", "delete", "upsert"};
  static final String[] MULTIPLE_OPERATIONS = {"insertMultiple", "updateMultiple", "deleteMultiple",
      "upsertMultiple"};

  @Override
  public Prefilter prefilter() {
    return Prefilter.named(STATELESS_SESSION);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(STATELESS_SESSION);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic().and(namedOneOf(OPERATIONS).or(namedOneOf(MULTIPLE_OPERATIONS))).and(takesArguments(1)),
        EntityOperationAdvice.class.getName());
    transformer.applyAdviceToMethod(
        isPublic().and(namedOneOf(OPERATIONS)).and(takesArguments(2)).and(takesArgument(0, String.class)),
        NamedEntityOperationAdvice.class.getName());
    transformer.applyAdviceToMethod(
        named("afterTransactionCompletion").and(takesArguments(2)).and(takesArgument(0, boolean.class)),
        SessionInstrumentation.TransactionCompletionAdvice.class.getName());
  }

  /** Advice: {@code op(Object entity)} or {@code opMultiple(List entities)}. */
  public static final class EntityOperationAdvice {
    private EntityOperationAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean onEnter(@Advice.This Object session) {
      return JpaCalls.STATELESS.getAndIncrement() == 0 && Bridge.jpa().statelessOperationStarting(session);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object session, @Advice.Origin("#m") String operation,
        @Advice.Argument(0) Object entity, @Advice.Enter boolean scopeOpened, @Advice.Thrown Throwable thrown) {
      if (JpaCalls.STATELESS.decrementAndGet() == 0) {
        Bridge.jpa().statelessOperationEnded(session, operation, null, entity, scopeOpened, thrown);
      }
    }
  }

  /** Advice: {@code op(String entityName, Object entity)}. */
  public static final class NamedEntityOperationAdvice {
    private NamedEntityOperationAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean onEnter(@Advice.This Object session) {
      return JpaCalls.STATELESS.getAndIncrement() == 0 && Bridge.jpa().statelessOperationStarting(session);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object session, @Advice.Origin("#m") String operation,
        @Advice.Argument(0) String entityName, @Advice.Argument(1) Object entity,
        @Advice.Enter boolean scopeOpened, @Advice.Thrown Throwable thrown) {
      if (JpaCalls.STATELESS.decrementAndGet() == 0) {
        Bridge.jpa().statelessOperationEnded(session, operation, entityName, entity, scopeOpened, thrown);
      }
    }
  }
}
