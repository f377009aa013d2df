package dev.cacheinvalidation.samples.overhead;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measure (wall-clock or CPU time) of every (workload, mode) pair: per round, the median ns/op of the
 * child's timed iterations and its paired ratio to no agent; and the table printed from them.
 *
 * <p>The paired ratio of a round is the median, over the timed iterations, of this mode's iteration divided by
 * no agent's iteration of the same number, which ran moments before or after it ({@link LockstepRound}): a
 * host that slows the machine for a second or two slows both alike, and the ratio keeps what is left, the
 * agent's own cost and the JIT's different choices in two JVMs. For each pair the table shows the median ns/op
 * over rounds with its min–max, and the difference to no agent: the median over rounds of the paired ratios,
 * as a percentage and in ns/op of no agent's median, with the range of the rounds' percentages, which shows how
 * much two JVMs of the same build differ.
 *
 * <p>Not thread-safe.
 */
final class ResultTable {
  private final List<String> modes;
  /** Workload → mode → one result per round, in round order. */
  private final Map<String, Map<String, List<RoundResult>>> values = new LinkedHashMap<>();

  /** One round's child: its median ns/op and the median ratio of its iterations to no agent's. */
  private record RoundResult(double medianNanos, double pairedRatio) {}

  ResultTable(List<String> modes) {
    this.modes = List.copyOf(modes);
  }

  /**
   * Adds one round of a mode: its iterations' ns/op, and no agent's iterations of the same round, in the same
   * order (the same array for no agent itself).
   */
  void add(String mode, String workload, double[] iterations, double[] noAgentIterations) {
    List<Double> ratios = new ArrayList<>(iterations.length);
    for (int i = 0; i < Math.min(iterations.length, noAgentIterations.length); i++) {
      ratios.add(iterations[i] / noAgentIterations[i]);
    }
    List<Double> nanos = new ArrayList<>(iterations.length);
    for (double value : iterations) {
      nanos.add(value);
    }
    values.computeIfAbsent(workload, w -> new LinkedHashMap<>()).computeIfAbsent(mode, m -> new ArrayList<>())
        .add(new RoundResult(median(nanos), median(ratios)));
  }

  void print(PrintStream out) {
    String row = "%-28s %-25s %8s %15s %8s %8s %17s%n";
    out.printf(row, "workload", "mode", "ns/op", "min-max ns/op", "+ns/op", "+%", "+% min..max");
    values.forEach((workload, byMode) -> {
      List<RoundResult> base = byMode.get(Mode.NO_AGENT);
      double baseMedian = base == null ? Double.NaN : median(nanosOf(base));
      for (String mode : modes) {
        List<RoundResult> rounds = byMode.get(mode);
        if (rounds == null) {
          continue;
        }
        List<Double> nanos = nanosOf(rounds);
        String spread = String.format("%.0f-%.0f", min(nanos), max(nanos));
        String extra = "";
        String percent = "";
        String percentSpread = "";
        if (base != null && !mode.equals(Mode.NO_AGENT)) {
          List<Double> ratios = rounds.stream().map(RoundResult::pairedRatio).toList();
          double ratio = median(ratios);
          extra = String.format("%+.0f", (ratio - 1) * baseMedian);
          percent = String.format("%+.1f %%", 100 * (ratio - 1));
          percentSpread = String.format("%+.1f..%+.1f", 100 * (min(ratios) - 1), 100 * (max(ratios) - 1));
        }
        out.printf(row, workload, mode, String.format("%.0f", median(nanos)), spread, extra, percent, percentSpread);
      }
    });
  }

  /**
   * Prints, per workload and mode other than no agent, each round's paired difference to no agent in round
   * order: where the median hides that some JVMs of a build land in a slow state, this shows how many.
   */
  void printRounds(PrintStream out) {
    values.forEach((workload, byMode) -> {
      for (String mode : modes) {
        List<RoundResult> rounds = byMode.get(mode);
        if (rounds == null || mode.equals(Mode.NO_AGENT) || !byMode.containsKey(Mode.NO_AGENT)) {
          continue;
        }
        StringBuilder line = new StringBuilder(String.format("%-28s %-25s", workload, mode));
        for (RoundResult round : rounds) {
          line.append(String.format(" %+6.1f", 100 * (round.pairedRatio() - 1)));
        }
        out.println(line);
      }
    });
  }

  private static List<Double> nanosOf(List<RoundResult> rounds) {
    return rounds.stream().map(RoundResult::medianNanos).toList();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
