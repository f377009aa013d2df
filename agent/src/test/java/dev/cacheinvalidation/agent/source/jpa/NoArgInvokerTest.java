package dev.cacheinvalidation.agent.source.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NoArgInvokerTest {
  /** Stands for Hibernate's action classes: a protected getter in a superclass, a public one, a primitive. */
  static class Base {
    protected String getRole() {
      return "role of " + getClass().getSimpleName();
    }
  }

  static final class Action extends Base {
    public boolean isInverse() {
      return true;
    }

    public Object getSession() {
      throw new IllegalStateException("closed");
    }
  }

  @Test
  void callsPublicInheritedProtectedAndPrimitiveGetters() {
    Action action = new Action();
    assertEquals("role of Action", new NoArgInvoker("getRole").invoke(action));
    assertEquals(Boolean.TRUE, new NoArgInvoker("isInverse").invoke(action));
    assertEquals("role of Base", new NoArgInvoker("getRole").invoke(new Base()));
  }

  @Test
  void oneInvokerAlternatingBetweenClassesCallsEachClassesMethod() {
    NoArgInvoker role = new NoArgInvoker("getRole");
    Object[] targets = {new Action(), new Base(), new Base(), new Action(), new Action(), new Base()};
    for (Object target : targets) {
      assertEquals("role of " + target.getClass().getSimpleName(), role.invoke(target));
    }
    NoArgInvoker inverse = new NoArgInvoker("isInverse");
    assertEquals(Boolean.TRUE, inverse.invoke(new Action()));
    assertNull(inverse.invoke(new Base()), "the last class's function must not be used for another class");
    assertEquals(Boolean.TRUE, inverse.invoke(new Action()));
  }

  @Test
  void aMissingMethodAFailingCallAndNullAreNull() {
    assertNull(new NoArgInvoker("getNothing").invoke(new Action()));
    assertNull(new NoArgInvoker("getSession").invoke(new Action()));
    assertNull(new NoArgInvoker("getRole").invoke(null));
  }

  @Test
  void oneInvokerServesManyClasses() {
    NoArgInvoker length = new NoArgInvoker("length");
    assertEquals(3, length.invoke("abc"));
    assertEquals(2, length.invoke(new StringBuilder("xy")));
    assertNull(length.invoke(new Action()));
  }
}
