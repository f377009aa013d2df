package dev.cacheinvalidation.it.graphql;

import dev.cacheinvalidation.it.harness.StderrInvalidations;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario-side: what each step of the GraphQL scenario invalidated and where from, from the agent's
 * {@code log} strategy lines ({@link StderrInvalidations}), plus all of standard error for counting hints.
 * Thread-safe.
 */
final class InvalidationLog {
  private final List<String> lines = new ArrayList<>();
  private final StringBuilder all = new StringBuilder();

  private InvalidationLog() {}

  static InvalidationLog install() {
    InvalidationLog captured = new InvalidationLog();
    StderrInvalidations.install(captured::remember, captured::accept);
    return captured;
  }

  private synchronized void remember(String text) {
    all.append(text).append('\n');
  }

  private synchronized void accept(StderrInvalidations.Line line) {
    String origin = line.origin().startsWith("graphql") ? "graphql" : "other";
    String what = line.names().isEmpty() ? "P(" + line.patterns() + ")" : "N(" + line.names() + ")";
    lines.add(origin + ":" + what);
  }

  /**
   * Returns and forgets the invalidations seen since the last call, space separated, each as
   * {@code graphql:N(Category, Tag)} (names as dispatched, from the GraphQL source) or {@code other:...} (from
   * another source: a JDBC commit); {@code none} when there were none.
   */
  synchronized String drain() {
    String out = lines.isEmpty() ? "none" : String.join(" ", lines);
    lines.clear();
    return out;
  }

  /** How many stderr lines so far contain {@code text}. */
  synchronized int count(String text) {
    int count = 0;
    for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
      count++;
    }
    return count;
  }
}
