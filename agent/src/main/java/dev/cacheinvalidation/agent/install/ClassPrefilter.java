package dev.cacheinvalidation.agent.install;

import dev.cacheinvalidation.instrumentation.api.Prefilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The union of every type instrumentation's {@link Prefilter}: decides from a class's internal name and raw
 * bytes, using only the JDK, whether Byte Buddy needs to look at it at all.
 *
 * <p>Cost per loaded class: a few prefix checks and a hash lookup, plus, for classes not excluded by name, a
 * scan of the class file for each distinct "mentions" needle (one today: {@code java/sql/}). Immutable and
 * thread-safe.
 */
final class ClassPrefilter {
  private static final String[] IGNORED_PREFIXES = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/cacheinvalidation/",
    // Byte Buddy generated and JVM-internal hidden classes.
    "net/bytebuddy/renamed/",
  };

  private final Set<String> internalNames;
  private final byte[][] needles;

  ClassPrefilter(List<Prefilter> prefilters) {
    Set<String> names = new HashSet<>();
    Set<String> mentions = new LinkedHashSet<>();
    for (Prefilter prefilter : prefilters) {
      names.addAll(prefilter.internalNames());
      if (prefilter.mentions() != null) {
        mentions.add(prefilter.mentions());
      }
    }
    this.internalNames = Set.copyOf(names);
    List<byte[]> bytes = new ArrayList<>();
    mentions.forEach(text -> bytes.add(text.getBytes(StandardCharsets.US_ASCII)));
    this.needles = bytes.toArray(new byte[0][]);
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
    for (byte[] needle : needles) {
      if (contains(classFile, needle)) {
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
