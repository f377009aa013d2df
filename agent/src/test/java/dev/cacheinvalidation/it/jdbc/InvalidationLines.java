package dev.cacheinvalidation.it.jdbc;

import dev.cacheinvalidation.it.harness.StderrInvalidations;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Scenario-side: what each step of the JDBC scenario invalidated, from the agent's {@code log} strategy lines
 * ({@link StderrInvalidations}), with the per-run table suffix removed so reports do not vary by run.
 * Thread-safe.
 */
final class InvalidationLines {
  private final List<String> lines = new ArrayList<>();
  private final String suffix;

  private InvalidationLines(String suffix) {
    this.suffix = suffix;
  }

  /** Installs the tee; names have {@code _<suffix>} removed from table names. */
  static InvalidationLines install(String suffix) {
    InvalidationLines captured = new InvalidationLines(suffix);
    StderrInvalidations.install(line -> {}, captured::accept);
    return captured;
  }

  private synchronized void accept(StderrInvalidations.Line line) {
    if (!line.names().isEmpty()) {
      TreeSet<String> sorted = new TreeSet<>();
      for (String name : line.names().split(", ")) {
        sorted.add(name.replaceAll("_" + suffix + "[a-z]?$", ""));
      }
      lines.add("N(" + String.join(",", sorted) + ")");
    } else {
      lines.add("P(" + line.patterns() + ")");
    }
  }

  /**
   * Returns and forgets the lines seen since the last call, each as {@code N(name,..)} (names, sorted) or
   * {@code P(pattern,..)} (patterns only), space separated; {@code none} when there were none.
   */
  synchronized String drain() {
    System.err.flush();
    String out = lines.isEmpty() ? "none" : String.join(" ", lines);
    lines.clear();
    return out;
  }
}
