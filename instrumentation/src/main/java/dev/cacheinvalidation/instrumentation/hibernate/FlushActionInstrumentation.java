package dev.cacheinvalidation.instrumentation.hibernate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The actions a flush executes: each is one SQL write of an entity or of a collection's rows. This is where
 * writes no session call names are seen: a managed entity changed by a setter (dirty checking), orphan
 * removal, and elements added to or removed from a many-to-many collection (join-table rows). Subclasses that
 * inherit {@code execute()} ({@code OrphanRemovalAction}) run the instrumented code. Immutable.
 */
final class FlushActionInstrumentation implements TypeInstrumentation {
  static final String[] ENTITY_ACTIONS = {
      "org.hibernate.action.internal.EntityInsertAction",
      "org.hibernate.action.internal.EntityIdentityInsertAction",
      "org.hibernate.action.internal.EntityUpdateAction",
      "org.hibernate.action.internal.EntityDeleteAction"};
  static final String[] COLLECTION_ACTIONS = {
      "org.hibernate.action.internal.CollectionUpdateAction",
      "org.hibernate.action.internal.CollectionRecreateAction",
      "org.hibernate.action.internal.CollectionRemoveAction"};

  @Override
  public Prefilter prefilter() {
    String[] all = new String[ENTITY_ACTIONS.length + COLLECTION_ACTIONS.length];
    System.arraycopy(ENTITY_ACTIONS, 0, all, 0, ENTITY_ACTIONS.length);
    System.arraycopy(COLLECTION_ACTIONS, 0, all, ENTITY_ACTIONS.length, COLLECTION_ACTIONS.length);
    return Prefilter.named(all);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(ENTITY_ACTIONS).or(namedOneOf(COLLECTION_ACTIONS));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    // One advice for both kinds: the sink tells them apart, and the type matcher already narrowed the classes.
    transformer.applyAdviceToMethod(isPublic().and(named("execute")).and(takesArguments(0)),
        ExecuteAdvice.class.getName());
  }

  /** Advice: the action's SQL is about to run; the token the sink returns is handed back when it ended. */
  public static final class ExecuteAdvice {
    private ExecuteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object onEnter(@Advice.This Object action) {
      return Bridge.jpa().flushActionStarting(action);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Object token) {
      if (token != null) {
        Bridge.jpa().flushActionEnded(token);
      }
    }
  }
}
