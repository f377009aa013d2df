package dev.cacheinvalidation.agent.install;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads which methods a class file declares, with the JDK only and without building a class model: walks the
 * constant pool to find where each entry starts, skips the fields, then compares each non-abstract method's
 * name with the wanted names (JVMS chapter 4.1, 4.4, 4.5, 4.6).
 *
 * <p>Errs towards "yes": a class file it cannot read (truncated, unknown constant tag) is reported as
 * declaring a wanted method, so Byte Buddy decides. Stateless and thread-safe.
 */
final class DeclaredMethods {
  private static final int ACC_ABSTRACT = 0x0400;
  private static final int CONSTANT_UTF8 = 1;

  private DeclaredMethods() {}

  /** Whether {@code classFile} declares a non-abstract method named one of {@code names}. */
  static boolean declaresConcrete(byte[] classFile, Set<String> names) {
    try {
      int count = u2(classFile, 8);
      int[] offsets = new int[count];
      int at = 10;
      for (int index = 1; index < count; index++) {
        offsets[index] = at;
        int tag = classFile[at] & 0xff;
        switch (tag) {
          case CONSTANT_UTF8 -> at += 3 + u2(classFile, at + 1);
          case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
          case 15 -> at += 4; // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
          case 5, 6 -> { // Long and Double take two entries
            at += 9;
            index++;
          }
          default -> {
            return true;
          }
        }
      }
      at += 6; // access flags, this class, super class
      at += 2 + 2 * u2(classFile, at); // interfaces
      at = skipMembers(classFile, at); // fields
      int methods = u2(classFile, at);
      at += 2;
      for (int m = 0; m < methods; m++) {
        int access = u2(classFile, at);
        int nameOffset = offsets[u2(classFile, at + 2)];
        if ((access & ACC_ABSTRACT) == 0 && (classFile[nameOffset] & 0xff) == CONSTANT_UTF8
            && names.contains(new String(classFile, nameOffset + 3, u2(classFile, nameOffset + 1),
                StandardCharsets.UTF_8))) {
          return true;
        }
        at = skipAttributes(classFile, at + 6);
      }
      return false;
    } catch (RuntimeException malformed) {
      return true;
    }
  }

  private static int skipMembers(byte[] classFile, int at) {
    int members = u2(classFile, at);
    at += 2;
    for (int i = 0; i < members; i++) {
      at = skipAttributes(classFile, at + 6);
    }
    return at;
  }

  private static int skipAttributes(byte[] classFile, int at) {
    int attributes = u2(classFile, at);
    at += 2;
    for (int i = 0; i < attributes; i++) {
      at += 6 + u4(classFile, at + 2);
    }
    return at;
  }

  private static int u2(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
  }

  private static int u4(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
        | (bytes[at + 3] & 0xff);
  }
}
