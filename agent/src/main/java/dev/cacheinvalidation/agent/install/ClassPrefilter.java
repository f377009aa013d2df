package dev.cacheinvalidation.agent.install;

import dev.cacheinvalidation.instrumentation.api.Prefilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The union of every type instrumentation's {@link Prefilter}: decides from a class's internal name and raw
 * bytes, using only the JDK, whether Byte Buddy needs to look at it at all.
 *
 * <p>Cost per loaded class: a few prefix checks and a hash lookup, plus, for classes not excluded by name, a
 * scan of the class file for each distinct "mentions" needle (one today: {@code java/sql/}), and for the few
 * that contain it a walk over the class file's constant pool and member tables to find the methods it
 * declares. Byte Buddy's type matchers, which resolve the whole class hierarchy, only see what passes. In a
 * Spring Boot application about 400 classes mention {@code java/sql/} and about 30 of them declare a method
 * the JDBC advice changes. Immutable and thread-safe.
 */
final class ClassPrefilter {
  private static final String[] IGNORED_PREFIXES = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/cacheinvalidation/",
    // Byte Buddy generated and JVM-internal hidden classes.
    "net/bytebuddy/renamed/",
  };

  private final Set<String> internalNames;
  private final List<Condition> conditions;

  /** A class file must contain {@code needle} and, if {@code methods} is not empty, declare one of them. */
  private record Condition(byte[] needle, Set<String> methods) {}

  ClassPrefilter(List<Prefilter> prefilters) {
    Set<String> names = new HashSet<>();
    List<Condition> found = new ArrayList<>();
    for (Prefilter prefilter : prefilters) {
      names.addAll(prefilter.internalNames());
      if (prefilter.mentions() != null) {
        found.add(new Condition(prefilter.mentions().getBytes(StandardCharsets.US_ASCII),
            prefilter.declaredMethods()));
      }
    }
    this.internalNames = Set.copyOf(names);
    this.conditions = List.copyOf(found);
  }

  /** Whether the class may be transformed by some instrumentation. */
  boolean mightMatch(String internalName, byte[] classFile) {
    if (internalName == null || classFile == null) {
      return false;
    }
    for (String prefix : IGNORED_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return false;
      }
    }
    if (internalNames.contains(internalName)) {
      return true;
    }
    for (Condition condition : conditions) {
      if (contains(classFile, condition.needle())
          && (condition.methods().isEmpty() || DeclaredMethods.declaresConcrete(classFile, condition.methods()))) {
        return true;
      }
    }
    return false;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
