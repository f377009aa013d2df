package dev.cacheinvalidation.instrumentation.hibernate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Hibernate's {@code TransactionImpl}, behind {@code EntityTransaction}, {@code Session.getTransaction()} and
 * Spring's {@code JpaTransactionManager}/{@code HibernateTransactionManager}: its {@code commit()} flushes,
 * commits the JDBC connection and completes the session, so it brackets everything that transaction
 * invalidates. Immutable.
 */
final class TransactionInstrumentation implements TypeInstrumentation {
  static final String TRANSACTION = "org.hibernate.engine.transaction.internal.TransactionImpl";

  @Override
  public Prefilter prefilter() {
    return Prefilter.named(TRANSACTION);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(TRANSACTION);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(isPublic().and(named("commit")).and(takesArguments(0)),
        CommitAdvice.class.getName());
  }

  /** Advice: opens the commit scope on entry, closes it on exit, whatever the outcome. */
  public static final class CommitAdvice {
    private CommitAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object onEnter(@Advice.This Object transaction) {
      return Bridge.jpa().commitStarting(transaction);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object transaction, @Advice.Enter Object scope,
        @Advice.Thrown Throwable thrown) {
      Bridge.jpa().commitEnded(transaction, scope, thrown);
    }
  }
}
