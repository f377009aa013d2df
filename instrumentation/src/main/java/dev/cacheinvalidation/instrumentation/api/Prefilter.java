package dev.cacheinvalidation.instrumentation.api;

import java.util.Set;

/**
 * What a class must look like, judged from its name and raw bytes alone, before any Byte Buddy matcher runs.
 *
 * <p>Most classes an application loads are of no interest to the agent, and a type matcher that walks a
 * class hierarchy has to parse class files (in a Spring Boot fat jar: inflate them from nested jars). A
 * prefilter answers from data the JVM already holds: the class's internal name, or whether its class file
 * mentions a type (every JDBC implementation mentions {@code java/sql/} in its constant pool) and declares a
 * method the instrumentation advises. A prefilter may let through classes that then fail to match; it must
 * never reject one that would be changed. Immutable and thread-safe.
 *
 * @param internalNames exact internal names ({@code a/b/C}) of candidate classes; empty for none
 * @param mentions a byte sequence (ASCII) the class file must contain, or null for none
 * @param declaredMethods with {@code mentions}: the class must also declare a non-abstract method with one of
 *     these names (advice only changes declared methods, so a class declaring none of them would come out of
 *     the transformation unchanged); empty for no such condition
 */
public record Prefilter(Set<String> internalNames, String mentions, Set<String> declaredMethods) {
  public Prefilter {
    internalNames = Set.copyOf(internalNames);
    declaredMethods = Set.copyOf(declaredMethods);
  }

  /** Candidates are exactly the classes with these binary names ({@code a.b.C}, {@code a.b.C$D}). */
  public static Prefilter named(String... binaryNames) {
    String[] internal = new String[binaryNames.length];
    for (int i = 0; i < binaryNames.length; i++) {
      internal[i] = binaryNames[i].replace('.', '/');
    }
    return new Prefilter(Set.of(internal), null, Set.of());
  }

  /** Candidates are the classes whose class file contains {@code text} (for example {@code "java/sql/"}). */
  public static Prefilter mentioning(String text) {
    return new Prefilter(Set.of(), text, Set.of());
  }

  /**
   * Candidates are the classes whose class file contains {@code text} and that declare a non-abstract method
   * named one of {@code methodNames}: the methods the instrumentation's advice applies to.
   */
  public static Prefilter mentioningAndDeclaring(String text, Set<String> methodNames) {
    return new Prefilter(Set.of(), text, methodNames);
  }
}
