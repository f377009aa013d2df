package dev.cacheinvalidation.it.graphql;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario-side (forked JVM, no agent classes): tees {@code System.err} and keeps the agent's {@code log}
 * strategy lines ({@code invalidate #N (origin) names=[..] patterns=[..]}) so a step can count exactly what
 * it invalidated and where from. The agent's logger looks up {@code System.err} at each line, so installing
 * the tee in {@code main} is enough. Thread-safe.
 */
final class InvalidationLog {
  private static final Pattern LINE = Pattern.compile("invalidate #\\d+ \\((.*)\\) names=\\[(.*)] patterns=\\[(.*)]$");

  private final List<String> lines = new ArrayList<>();
  private final StringBuilder all = new StringBuilder();

  private InvalidationLog() {}

  static InvalidationLog install() {
    InvalidationLog captured = new InvalidationLog();
    PrintStream original = System.err;
    OutputStream tee = new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        original.write(b);
        if (b == '\n') {
          captured.accept(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(b);
        }
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    return captured;
  }

  private synchronized void accept(String text) {
    all.append(text).append('\n');
    Matcher matcher = LINE.matcher(text.strip());
    if (matcher.find()) {
      String origin = matcher.group(1).startsWith("graphql") ? "graphql" : "other";
      String what = matcher.group(2).isEmpty() ? "P(" + matcher.group(3) + ")" : "N(" + matcher.group(2) + ")";
      lines.add(origin + ":" + what);
    }
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
