package dev.cacheinvalidation.samples.staleness.run;

import java.util.List;
import java.util.Locale;

/** Renders the tallies as the Markdown table the docs quote. */
final class ResultTable {
  private ResultTable() {}

  static String render(List<ModeTally> tallies, Settings settings) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d run(s) per mode of %d ms; %d readers, %d writers per instance; "
            + "%d keys; writes via %s, %d%% rolled back; reader pause before put up to %d µs%n%n",
        settings.runs(), settings.durationMillis(), settings.readers(), settings.writers(), settings.keys(),
        settings.paths(), settings.rollbackPercent(), settings.readDelayMicros()));
    out.append("| mode | fault | promise | runs | reads | writes (rolled back) | stale after quiescing "
        + "(runs with any) | window p50 | window p99 | unobserved | write errors | verdict |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ModeTally tally : tallies) {
      String verdict = tally.notRun != null ? "not run: " + tally.notRun
          : tally.violation() == null ? "ok" : "VIOLATED";
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d (%d) | %d (%d) | %s | %s | %d | %d | %s |%n",
          tally.mode.name(), tally.mode.fault().label, tally.mode.promise().name().toLowerCase(Locale.ROOT),
          tally.runs, tally.reads, tally.commits + tally.rollbacks, tally.rollbacks, tally.stale,
          tally.runsWithStale, tally.percentile(0.50), tally.percentile(0.99), tally.unobserved,
          tally.writeErrors, verdict));
    }
    return out.toString();
  }
}
