package dev.cacheinvalidation.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDKs integration tests fork: the one running the build, plus those named in {@code it.jdks} (a comma
 * list of JDK homes). On CI ({@code CI=true}) a named JDK that is missing fails the run rather than quietly
 * shrinking the matrix.
 */
public final class Jdks {
  private Jdks() {}

  /** Every JDK home to test on; use as a JUnit {@code @MethodSource}. */
  public static List<Path> all() {
    Set<Path> homes = new LinkedHashSet<>();
    homes.add(current());
    String named = System.getProperty("it.jdks", "");
    for (String item : named.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      Path home = Path.of(item.trim());
      if (Files.isExecutable(home.resolve("bin/java"))) {
        homes.add(home);
      } else if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("it.jdks names " + home + ", which has no bin/java; CI must test on it");
      } else {
        System.err.println("[it] skipping missing JDK " + home);
      }
    }
    return new ArrayList<>(homes);
  }

  /** The JDK running this build. */
  public static Path current() {
    return Path.of(System.getProperty("java.home"));
  }

  /** The feature version of a JDK home, read from its {@code release} file (17, 25, ...). */
  public static int featureVersion(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (Exception e) {
      // fall through
    }
    return -1;
  }
}
