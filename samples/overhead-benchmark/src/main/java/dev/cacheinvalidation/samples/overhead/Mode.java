package dev.cacheinvalidation.samples.overhead;

import java.util.List;

/**
 * One way of running the child JVM: its name in the table and the JVM options it adds (the {@code -javaagent}).
 *
 * <p>Immutable.
 */
record Mode(String name, List<String> jvmOptions) {
  static final String NO_AGENT = "no agent";

  static Mode noAgent() {
    return new Mode(NO_AGENT, List.of());
  }
}
