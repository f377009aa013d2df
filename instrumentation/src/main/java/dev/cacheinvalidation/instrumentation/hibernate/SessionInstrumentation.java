package dev.cacheinvalidation.instrumentation.hibernate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.AgentSlot;
import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code SessionImpl}, the class behind both {@code EntityManager} and {@code Session}: the entity operations
 * and the end of each transaction.
 *
 * <p>The cascade overloads ({@code persist(String, Object, PersistContext)}, {@code merge(String, Object,
 * MergeContext)}, {@code delete(String, Object, boolean, DeleteContext)}, {@code persistOnFlush},
 * {@code removeOrphanBeforeUpdates}) are matched too, so removing a post that cascades to its comments records
 * both names even without JDBC detection. No call-depth guard: nested calls name other entities, and the unit
 * of work keeps each name once. Immutable.
 */
final class SessionInstrumentation implements TypeInstrumentation {
  static final String SESSION = "org.hibernate.internal.SessionImpl";

  /** 6.6 has all of these; 7 removed save/update/saveOrUpdate/delete(Object) but keeps the cascade delete. */
  static final String[] OPERATIONS = {"persist", "merge", "remove", "delete", "save", "update", "saveOrUpdate",
      "persistOnFlush", "replicate", "removeOrphanBeforeUpdates"};

  @Override
  public Prefilter prefilter() {
    return Prefilter.named(SESSION);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SESSION);
  }

  /**
   * The session's unit of work is looked up at every operation, flush action and completion: a field beats a
   * weak map. {@code SessionImpl} is serializable, so it keeps the {@code serialVersionUID} it had.
   */
  @Override
  public boolean carriesAgentSlot() {
    return true;
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic().and(namedOneOf(OPERATIONS)).and(takesArgument(0, Object.class)),
        EntityOperationAdvice.class.getName());
    transformer.applyAdviceToMethod(
        isPublic().and(namedOneOf(OPERATIONS)).and(takesArgument(0, String.class))
            .and(takesArgument(1, Object.class)),
        NamedEntityOperationAdvice.class.getName());
    transformer.applyAdviceToMethod(
        named("afterTransactionCompletion").and(takesArguments(2)).and(takesArgument(0, boolean.class)),
        TransactionCompletionAdvice.class.getName());
  }

  /** Advice: {@code op(Object entity, ...)}; the name comes from the entity's class, so a detached copy will do. */
  public static final class EntityOperationAdvice {
    private EntityOperationAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object session, @Advice.Origin("#m") String operation,
        @Advice.Argument(0) Object entity) {
      Bridge.jpa().sessionOperation(session, AgentSlot.valueOf(session), operation, null, entity);
    }
  }

  /** Advice: {@code op(String entityName, Object entity, ...)}. */
  public static final class NamedEntityOperationAdvice {
    private NamedEntityOperationAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.This Object session, @Advice.Origin("#m") String operation,
        @Advice.Argument(0) String entityName, @Advice.Argument(1) Object entity) {
      Bridge.jpa().sessionOperation(session, AgentSlot.valueOf(session), operation, entityName, entity);
    }
  }

  /** Advice: the session's transaction committed or rolled back (resource-local or JTA). */
  public static final class TransactionCompletionAdvice {
    private TransactionCompletionAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object session, @Advice.Argument(0) boolean successful) {
      Bridge.jpa().transactionCompleted(session, AgentSlot.valueOf(session), successful);
    }
  }
}
