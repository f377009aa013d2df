package dev.cacheinvalidation.instrumentation.hibernate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
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
 * Bulk JPQL/HQL/criteria {@code update}, {@code delete} and {@code insert ... select}: the SQM query's
 * {@code doExecuteUpdate()}, which {@code executeUpdate()} calls after its checks. The class is
 * {@code QuerySqmImpl} in 6.x and {@code SqmQueryImpl} in 7.x; the statement's target entity names the write.
 * Native queries are not matched: their SQL reaches the JDBC detection. Immutable.
 */
final class BulkUpdateInstrumentation implements TypeInstrumentation {
  static final String[] SQM_QUERIES = {
      "org.hibernate.query.sqm.internal.QuerySqmImpl",
      "org.hibernate.query.sqm.internal.SqmQueryImpl"};

  @Override
  public Prefilter prefilter() {
    return Prefilter.named(SQM_QUERIES);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(SQM_QUERIES);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(named("doExecuteUpdate").and(takesArguments(0)),
        ExecuteUpdateAdvice.class.getName());
  }

  /** Advice: a bulk statement runs; outside a transaction it is committed when it returns. */
  public static final class ExecuteUpdateAdvice {
    private ExecuteUpdateAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean onEnter(@Advice.This Object query) {
      return JpaCalls.BULK.getAndIncrement() == 0 && Bridge.jpa().bulkUpdateStarting(query);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object query, @Advice.Enter boolean scopeOpened,
        @Advice.Thrown Throwable thrown) {
      if (JpaCalls.BULK.decrementAndGet() == 0) {
        Bridge.jpa().bulkUpdateEnded(query, scopeOpened, thrown);
      }
    }
  }
}
