package dev.cacheinvalidation.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.cacheinvalidation.bridge.AgentSlot;
import java.io.Serializable;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Adds {@link AgentSlot} to a class as it is defined: a private transient field and the two public accessors
 * of the interface, written directly in bytecode (straight-line code, so no stack map frames are needed).
 *
 * <p>{@link #targets} decides where this is safe: only a class being loaded for the first time (a
 * retransformation cannot add members) and outside named modules (which cannot read the bootstrap loader's
 * unnamed module, so the class would fail to link). A serializable class qualifies when it declares its
 * {@code serialVersionUID}, or when it is a top-level class: then {@link SerialVersionUidKeeper} declares the
 * default one it had, since new members would change it (the field itself is transient, so streams are
 * unchanged). Everything else keeps its state in the agent's weak maps.
 *
 * <p>Stateless and thread-safe.
 */
final class AgentSlotField implements AsmVisitorWrapper {
  static final AgentSlotField INSTANCE = new AgentSlotField();

  private static final String FIELD = "cacheInvalidation$slot";
  private static final String ACCESSOR = "cacheInvalidation$slot";
  private static final String OBJECT = "Ljava/lang/Object;";
  private static final String INTERFACE = Type.getInternalName(AgentSlot.class);

  private AgentSlotField() {}

  /** The classes a type instrumentation's matched types may get the field in: see the class comment. */
  static AgentBuilder.RawMatcher targets(ElementMatcher<? super TypeDescription> typeMatcher) {
    return (TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined,
        ProtectionDomain domain) -> {
      try {
        return classBeingRedefined == null
            && (module == null || !module.isNamed())
            && typeMatcher.matches(type)
            && !type.isAssignableTo(AgentSlot.class)
            && serializationAllowsMembers(type);
      } catch (RuntimeException unresolvable) {
        return false; // a super type that cannot be read: the advice still applies, the state stays in a map
      }
    };
  }

  /** Whether members can be added without changing how the class serializes: see the class comment. */
  static boolean serializationAllowsMembers(TypeDescription type) {
    if (!type.isAssignableTo(Serializable.class)) {
      return true;
    }
    if (type.isInterface() || type.isEnum() || type.isRecord()) {
      return false;
    }
    FieldList<FieldDescription.InDefinedShape> uid =
        type.getDeclaredFields().filter(named(SerialVersionUidKeeper.FIELD));
    if (uid.isEmpty()) {
      return !type.isNestedClass();
    }
    FieldDescription declared = uid.getOnly();
    return declared.isStatic() && declared.isFinal() && declared.getType().represents(long.class);
  }

  @Override
  public int mergeWriter(int flags) {
    return flags;
  }

  @Override
  public int mergeReader(int flags) {
    return flags;
  }

  @Override
  public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
      Implementation.Context implementationContext, TypePool typePool,
      FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags,
      int readerFlags) {
    ClassVisitor withSlot = slotAdder(classVisitor);
    // In front of the slot adder, so it computes the UID from the class as it was.
    return instrumentedType.isAssignableTo(Serializable.class) ? new SerialVersionUidKeeper(withSlot) : withSlot;
  }

  private static ClassVisitor slotAdder(ClassVisitor classVisitor) {
    return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
      private String owner;

      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        owner = name;
        String[] withSlot = new String[interfaces == null ? 1 : interfaces.length + 1];
        if (interfaces != null) {
          System.arraycopy(interfaces, 0, withSlot, 0, interfaces.length);
        }
        withSlot[withSlot.length - 1] = INTERFACE;
        // A generic signature lists the interfaces too, and must agree with the list above.
        String withSlotSignature = signature == null ? null : signature + "L" + INTERFACE + ";";
        super.visit(version, access, name, withSlotSignature, superName, withSlot);
      }

      @Override
      public void visitEnd() {
        super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC, FIELD, OBJECT, null,
            null).visitEnd();

        MethodVisitor getter = super.visitMethod(Opcodes.ACC_PUBLIC, ACCESSOR, "()" + OBJECT, null, null);
        getter.visitCode();
        getter.visitVarInsn(Opcodes.ALOAD, 0);
        getter.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, OBJECT);
        getter.visitInsn(Opcodes.ARETURN);
        getter.visitMaxs(1, 1);
        getter.visitEnd();

        MethodVisitor setter = super.visitMethod(Opcodes.ACC_PUBLIC, ACCESSOR, "(" + OBJECT + ")V", null, null);
        setter.visitCode();
        setter.visitVarInsn(Opcodes.ALOAD, 0);
        setter.visitVarInsn(Opcodes.ALOAD, 1);
        setter.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, OBJECT);
        setter.visitInsn(Opcodes.RETURN);
        setter.visitMaxs(2, 2);
        setter.visitEnd();

        super.visitEnd();
      }
    };
  }
}
