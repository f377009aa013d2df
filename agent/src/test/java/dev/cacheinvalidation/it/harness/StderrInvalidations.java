package dev.cacheinvalidation.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario-side (forked JVM, JDK only): reads the agent's {@code log} strategy lines
 * ({@code invalidate #N (origin) names=[..] patterns=[..]}) from the scenario's own standard error, so a step
 * can count exactly what it invalidated. The agent's logger looks {@code System.err} up at each line, so
 * installing the tee in {@code main} is enough.
 */
public final class StderrInvalidations {
  private static final Pattern LINE =
      Pattern.compile("invalidate #\\d+ \\((.*)\\) names=\\[(.*)] patterns=\\[(.*)]$");

  private StderrInvalidations() {}

  /** One invalidation as the log strategy printed it; {@code names} is empty for a pattern-only one. */
  public record Line(String origin, String names, String patterns) {}

  /**
   * Replaces {@code System.err} with a tee that still prints everything and hands each complete line to
   * {@code everyLine}, and each log-strategy invalidation line, parsed, to {@code invalidations}. The
   * consumers are called under the tee's lock, one line at a time.
   */
  public static void install(Consumer<String> everyLine, Consumer<Line> invalidations) {
    PrintStream original = System.err;
    OutputStream tee = new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        original.write(b);
        if (b != '\n') {
          line.write(b);
          return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        everyLine.accept(text);
        Matcher matcher = LINE.matcher(text.strip());
        if (matcher.find()) {
          invalidations.accept(new Line(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }
}
