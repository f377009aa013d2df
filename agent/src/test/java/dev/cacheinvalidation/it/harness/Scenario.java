package dev.cacheinvalidation.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Helpers for scenario classes, the {@code main} programs that integration tests run in a forked JVM. They use
 * only the JDK, so they work on any testbed's class path.
 */
public final class Scenario {
  private static final BufferedReader STDIN =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private Scenario() {}

  /** Prints {@code @@ key=value} for the test to read with {@link ForkedProcess#reported}. */
  public static void report(String key, Object value) {
    System.out.println("@@ " + key + "=" + value);
    System.out.flush();
  }

  /** Blocks until the test sends a line; returns it (null at end of input). */
  public static String awaitCommand() throws IOException {
    return STDIN.readLine();
  }
}
