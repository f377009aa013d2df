package dev.cacheinvalidation.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cacheinvalidation.bridge.AgentSlot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectStateTest {
  /** Stands for a driver class the agent added its field to. */
  static final class Carrier implements AgentSlot {
    private Object slot;

    @Override
    public Object cacheInvalidation$slot() {
      return slot;
    }

    @Override
    public void cacheInvalidation$slot(Object value) {
      slot = value;
    }
  }

  @Test
  void theSameContractWithTheFieldAndWithoutIt() {
    for (Object target : List.of(new Carrier(), new Object())) {
      ObjectState<String> state = new ObjectState<>(String.class);
      assertNull(state.get(target));
      assertEquals("created", state.computeIfAbsent(target, t -> "created"));
      assertEquals("created", state.computeIfAbsent(target, t -> "ignored"));
      state.put(target, "replaced");
      assertEquals("replaced", state.get(target));
      assertEquals("replaced", state.remove(target));
      assertNull(state.get(target));
      assertNull(state.remove(target));
    }
  }

  @Test
  void theFieldHoldsTheStateInTheObjectAndAnotherKindReadsAsAbsent() {
    Carrier carrier = new Carrier();
    new ObjectState<>(String.class).put(carrier, "sql");
    assertSame("sql", carrier.cacheInvalidation$slot());
    ObjectState<Integer> otherKind = new ObjectState<>(Integer.class);
    assertNull(otherKind.get(carrier));
    assertNull(otherKind.remove(carrier));
    assertSame("sql", carrier.cacheInvalidation$slot(), "removing another kind leaves the value");
  }
}
