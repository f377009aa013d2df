package dev.cacheinvalidation.agent.install;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Keeps a serializable class's {@code serialVersionUID} what it was before the agent added members to it: when
 * the class declares none, the default one is computed from the class as it arrives, by the algorithm of the
 * Java Object Serialization Specification (section 4.6, as {@code java.io.ObjectStreamClass} implements it),
 * and declared as a constant, so a stream written without the agent still reads with it and back.
 *
 * <p>Must see the class before anything changes its header or members: it is placed in front of the visitor
 * that adds them. Only for top-level classes: the modifiers of a nested class come from an attribute that may
 * follow its members. A class that declares {@code serialVersionUID} passes through unchanged.
 *
 * <p>One instance per class visit; not thread-safe.
 */
final class SerialVersionUidKeeper extends ClassVisitor {
  static final String FIELD = "serialVersionUID";

  private static final int CLASS_MODIFIERS =
      Modifier.PUBLIC | Modifier.FINAL | Modifier.INTERFACE | Modifier.ABSTRACT;
  private static final int FIELD_MODIFIERS = Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED
      | Modifier.STATIC | Modifier.FINAL | Modifier.VOLATILE | Modifier.TRANSIENT;
  private static final int METHOD_MODIFIERS = Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED
      | Modifier.STATIC | Modifier.FINAL | Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.ABSTRACT
      | Modifier.STRICT;

  private String name;
  private int access;
  private String[] interfaces = new String[0];
  private boolean declared;
  private boolean staticInitializer;
  private final List<Member> fields = new ArrayList<>();
  private final List<Member> constructors = new ArrayList<>();
  private final List<Member> methods = new ArrayList<>();

  SerialVersionUidKeeper(ClassVisitor next) {
    super(OpenedClassReader.ASM_API, next);
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    this.name = name;
    this.access = access;
    if (interfaces != null) {
      this.interfaces = interfaces.clone();
    }
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
    declared |= name.equals(FIELD);
    fields.add(new Member(name, access & FIELD_MODIFIERS, descriptor));
    return super.visitField(access, name, descriptor, signature, value);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    if (name.equals("<clinit>")) {
      staticInitializer = true;
    } else if (name.equals("<init>")) {
      constructors.add(new Member(name, access & METHOD_MODIFIERS, descriptor.replace('/', '.')));
    } else {
      methods.add(new Member(name, access & METHOD_MODIFIERS, descriptor.replace('/', '.')));
    }
    return super.visitMethod(access, name, descriptor, signature, exceptions);
  }

  @Override
  public void visitEnd() {
    if (!declared) {
      super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
          FIELD, "J", null, defaultSerialVersionUid()).visitEnd();
    }
    super.visitEnd();
  }

  /** The UID {@code ObjectStreamClass} computes for the class as visited, when it declares none. */
  long defaultSerialVersionUid() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(name.replace('/', '.'));
      int classModifiers = access & CLASS_MODIFIERS;
      if ((classModifiers & Modifier.INTERFACE) != 0) {
        classModifiers = methods.isEmpty() ? classModifiers & ~Modifier.ABSTRACT
            : classModifiers | Modifier.ABSTRACT;
      }
      out.writeInt(classModifiers);
      String[] sortedInterfaces = interfaces.clone();
      Arrays.sort(sortedInterfaces);
      for (String each : sortedInterfaces) {
        out.writeUTF(each.replace('/', '.'));
      }
      fields.sort(Comparator.comparing(Member::name));
      for (Member field : fields) {
        boolean excluded = (field.modifiers & Modifier.PRIVATE) != 0
            && (field.modifiers & (Modifier.STATIC | Modifier.TRANSIENT)) != 0;
        if (!excluded) {
          field.writeTo(out);
        }
      }
      if (staticInitializer) {
        new Member("<clinit>", Modifier.STATIC, "()V").writeTo(out);
      }
      constructors.sort(Comparator.comparing(Member::descriptor));
      writeNonPrivate(constructors, out);
      methods.sort(Comparator.comparing(Member::name).thenComparing(Member::descriptor));
      writeNonPrivate(methods, out);
      out.flush();
      byte[] hash = MessageDigest.getInstance("SHA").digest(bytes.toByteArray());
      long uid = 0;
      for (int i = Math.min(hash.length, 8) - 1; i >= 0; i--) {
        uid = (uid << 8) | (hash[i] & 0xFF);
      }
      return uid;
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute the serialVersionUID of " + name, e);
    }
  }

  private static void writeNonPrivate(List<Member> members, DataOutputStream out) throws IOException {
    for (Member member : members) {
      if ((member.modifiers & Modifier.PRIVATE) == 0) {
        member.writeTo(out);
      }
    }
  }

  private record Member(String name, int modifiers, String descriptor) {
    void writeTo(DataOutputStream out) throws IOException {
      out.writeUTF(name);
      out.writeInt(modifiers);
      out.writeUTF(descriptor);
    }
  }
}
