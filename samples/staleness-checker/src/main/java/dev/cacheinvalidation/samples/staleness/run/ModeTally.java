package dev.cacheinvalidation.samples.staleness.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The totals of one mode over its runs, and its verdict against the mode's {@link Promise}. Not thread-safe.
 */
final class ModeTally {
  final Mode mode;
  int runs;
  int runsWithStale;
  long reads;
  long commits;
  long rollbacks;
  long stale;
  long cached;
  long unobserved;
  long writeErrors;
  final List<Long> windowsMicros = new ArrayList<>();
  final List<String> evidence = new ArrayList<>();
  final List<String> failedRuns = new ArrayList<>();
  String notRun;

  ModeTally(Mode mode) {
    this.mode = mode;
  }

  /** Adds one run: the instances' results; for a shared cache only the first instance's comparison counts. */
  void add(List<RunResult> instances, boolean sharedCache) {
    runs++;
    long runStale = 0;
    for (int i = 0; i < instances.size(); i++) {
      RunResult result = instances.get(i);
      reads += result.get("reads");
      commits += result.get("commits");
      rollbacks += result.get("rollbacks");
      unobserved += result.get("unobserved");
      writeErrors += result.get("errors");
      windowsMicros.addAll(result.windowsMicros());
      if (i == 0 || !sharedCache) {
        runStale += result.get("stale");
        cached += result.get("cached");
        if (result.get("stale") > 0 && evidence.size() < 3) {
          evidence.add(result.examples());
        }
      }
    }
    stale += runStale;
    if (runStale > 0) {
      runsWithStale++;
    }
  }

  void failed(String reason) {
    failedRuns.add(reason);
  }

  /** {@code null} when the promise held, else why the gate fails. */
  String violation() {
    if (notRun != null) {
      return null;
    }
    if (!failedRuns.isEmpty()) {
      return failedRuns.size() + " run(s) failed: " + failedRuns.get(0);
    }
    return switch (mode.promise()) {
      case FRESH -> stale == 0 ? null : stale + " stale entr(y/ies) after quiescing in " + runsWithStale
          + " of " + runs + " run(s): " + evidence;
      case STALE -> stale > 0 ? null : "baseline showed no stale entry in " + runs
          + " run(s): the checker cannot see staleness";
      case REPORTED -> null;
    };
  }

  String percentile(double fraction) {
    if (mode.eviction().equals("none")) {
      return "never";
    }
    if (windowsMicros.isEmpty()) {
      return "-";
    }
    List<Long> sorted = new ArrayList<>(windowsMicros);
    Collections.sort(sorted);
    long micros = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    return micros < 1_000 ? micros + " µs" : String.format("%.1f ms", micros / 1_000.0);
  }
}
