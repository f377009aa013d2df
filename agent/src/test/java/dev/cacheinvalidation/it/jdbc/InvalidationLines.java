package dev.cacheinvalidation.it.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario-side (forked JVM, no agent classes): tees {@code System.err} and keeps the agent's {@code log}
 * strategy lines ({@code invalidate #N (origin) names=[..] patterns=[..]}), so a scenario can count exactly
 * what each step invalidated. The agent's logger looks up {@code System.err} at each line, so installing the
 * tee in {@code main} is enough. Thread-safe.
 */
final class InvalidationLines {
  private static final Pattern LINE = Pattern.compile("invalidate #\\d+ \\(.*\\) names=\\[(.*)] patterns=\\[(.*)]$");

  private final List<String> lines = new ArrayList<>();
  private final String suffix;

  private InvalidationLines(String suffix) {
    this.suffix = suffix;
  }

  /** Installs the tee; names have {@code _<suffix>} removed from table names so reports do not vary by run. */
  static InvalidationLines install(String suffix) {
    InvalidationLines captured = new InvalidationLines(suffix);
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
    Matcher matcher = LINE.matcher(text.strip());
    if (!matcher.find()) {
      return;
    }
    String names = matcher.group(1);
    if (!names.isEmpty()) {
      TreeSet<String> sorted = new TreeSet<>();
      for (String name : names.split(", ")) {
        sorted.add(name.replaceAll("_" + suffix + "[a-z]?$", ""));
      }
      lines.add("N(" + String.join(",", sorted) + ")");
    } else {
      lines.add("P(" + matcher.group(2) + ")");
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
