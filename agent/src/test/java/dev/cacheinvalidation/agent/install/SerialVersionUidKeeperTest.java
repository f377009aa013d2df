package dev.cacheinvalidation.agent.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.bridge.AgentSlot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.util.Arrays;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;
import org.hibernate.internal.SessionImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UID {@link SerialVersionUidKeeper} computes is the one the JDK computes for the same class, and a class
 * that got the agent's field keeps it: checked on shaped fixtures and on Hibernate's {@code SessionImpl}, the
 * serializable class the agent adds its field to.
 */
class SerialVersionUidKeeperTest {

  @ParameterizedTest
  @ValueSource(classes = {SerialEverything.class, SerialAbstract.class, SerialFinal.class, SessionImpl.class})
  void computesTheUidTheJdkComputes(Class<?> type) throws IOException {
    SerialVersionUidKeeper keeper = new SerialVersionUidKeeper(new ClassWriter(0));
    new ClassReader(classFile(type)).accept(keeper, 0);
    assertEquals(ObjectStreamClass.lookup(type).getSerialVersionUID(), keeper.defaultSerialVersionUid(),
        type.getName());
  }

  @ParameterizedTest
  @ValueSource(classes = {SerialEverything.class, SerialFinal.class, SessionImpl.class})
  void aClassGivenTheAgentsFieldDeclaresTheUidItHad(Class<?> type) {
    assertTrue(AgentSlotField.serializationAllowsMembers(TypeDescription.ForLoadedType.of(type)));
    ClassReader rewritten = new ClassReader(withSlot(type).getBytes());

    assertTrue(Arrays.asList(rewritten.getInterfaces()).contains(Type.getInternalName(AgentSlot.class)));
    Object[] declared = new Object[1];
    rewritten.accept(new ClassVisitor(OpenedClassReader.ASM_API) {
      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature,
          Object value) {
        if (name.equals(SerialVersionUidKeeper.FIELD)) {
          declared[0] = value;
        }
        return null;
      }
    }, ClassReader.SKIP_CODE);
    assertEquals(ObjectStreamClass.lookup(type).getSerialVersionUID(), declared[0], type.getName());
  }

  @Test
  void anInstanceSerializedWithoutTheFieldReadsBackWithIt() throws Exception {
    Class<?> withSlot = withSlot(SerialEverything.class)
        .load(SerialEverything.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST).getLoaded();
    assertTrue(AgentSlot.class.isAssignableFrom(withSlot));
    assertEquals(ObjectStreamClass.lookup(SerialEverything.class).getSerialVersionUID(),
        ObjectStreamClass.lookup(withSlot).getSerialVersionUID());

    SerialEverything original = new SerialEverything("written");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
        return description.getName().equals(withSlot.getName()) ? withSlot : super.resolveClass(description);
      }
    }) {
      Object read = in.readObject(); // an InvalidClassException if the UIDs differed
      assertEquals(withSlot, read.getClass());
      Field name = withSlot.getField("name");
      name.setAccessible(true); // the copy's package is another runtime package than this test's
      assertEquals("written", name.get(read));
    }
  }

  /** The class as the agent would write it. */
  private static DynamicType.Unloaded<?> withSlot(Class<?> type) {
    return new ByteBuddy().redefine(type, ClassFileLocator.ForClassLoader.of(type.getClassLoader()))
        .visit(AgentSlotField.INSTANCE).make();
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
