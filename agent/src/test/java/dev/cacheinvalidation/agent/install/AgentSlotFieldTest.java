package dev.cacheinvalidation.agent.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

/**
 * Where the agent's field may be added: only where it cannot break the class or change how it serializes (see
 * {@link AgentSlotField}).
 */
class AgentSlotFieldTest {
  static final class PlainStatement {}

  static final class SerializableStatement implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Its default UID would change, and a nested class's modifiers cannot be read in time to keep it. */
  static final class NestedSerializableWithoutUid implements Serializable {}

  static final class WrongUid implements Serializable {
    private final long serialVersionUID = 1L; // not static: the JDK ignores it
  }

  private static final AgentBuilder.RawMatcher TARGETS = AgentSlotField.targets(ElementMatchers.any());
  private static final ClassLoader LOADER = AgentSlotFieldTest.class.getClassLoader();
  private static final JavaModule UNNAMED = JavaModule.ofType(AgentSlotFieldTest.class);

  private static boolean target(Class<?> type, JavaModule module, Class<?> beingRedefined) {
    return TARGETS.matches(TypeDescription.ForLoadedType.of(type), LOADER, module, beingRedefined, null);
  }

  @Test
  void aClassBeingDefinedInTheUnnamedModuleGetsTheField() {
    assertTrue(target(PlainStatement.class, UNNAMED, null));
    assertTrue(target(PlainStatement.class, null, null));
  }

  @Test
  void aRetransformedClassANamedModuleAndANestedSerializableClassWithoutItsUidDoNot() {
    assertFalse(target(PlainStatement.class, UNNAMED, PlainStatement.class), "retransformation");
    assertFalse(target(PlainStatement.class, JavaModule.ofType(String.class), null), "named module");
    assertFalse(target(NestedSerializableWithoutUid.class, UNNAMED, null), "nested, no serialVersionUID");
    assertFalse(target(WrongUid.class, UNNAMED, null), "a serialVersionUID the JDK ignores");
  }

  @Test
  void aSerializableClassThatDeclaresItsUidOrIsTopLevelGetsTheField() {
    assertTrue(target(SerializableStatement.class, UNNAMED, null), "declares serialVersionUID");
    assertTrue(target(SerialEverything.class, UNNAMED, null), "top level: SerialVersionUidKeeper keeps it");
  }

  @Test
  void onlyTypesTheInstrumentationMatches() {
    AgentBuilder.RawMatcher none = AgentSlotField.targets(ElementMatchers.none());
    assertFalse(none.matches(TypeDescription.ForLoadedType.of(PlainStatement.class), LOADER, UNNAMED, null, null));
  }
}
