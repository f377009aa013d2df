package dev.cacheinvalidation.samples.overhead;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ns/op of every (workload, mode) pair, one value per round, and the table printed from them.
 *
 * <p>For each pair the table shows the median over rounds, the spread (min–max over rounds, so noise is
 * visible), and the difference to no agent. The difference is the median of the per-round differences: the
 * modes of one round ran back to back, so pairing them cancels most of the slow drift of a shared machine.
 *
 * <p>Not thread-safe.
 */
final class ResultTable {
  private final List<String> modes;
  /** Workload → mode → ns/op of each round, in round order. */
  private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();

  ResultTable(List<String> modes) {
    this.modes = List.copyOf(modes);
  }

  void add(String mode, String workload, double nanosPerOperation) {
    values.computeIfAbsent(workload, w -> new LinkedHashMap<>()).computeIfAbsent(mode, m -> new ArrayList<>())
        .add(nanosPerOperation);
  }

  void print(PrintStream out) {
    String row = "%-30s %-26s %10s %19s %10s %9s%n";
    out.printf(row, "workload", "mode", "ns/op", "min-max ns/op", "+ns/op", "+%");
    values.forEach((workload, byMode) -> {
      List<Double> base = byMode.get(Mode.NO_AGENT);
      double baseMedian = base == null ? Double.NaN : median(base);
      for (String mode : modes) {
        List<Double> rounds = byMode.get(mode);
        if (rounds == null) {
          continue;
        }
        String spread = String.format("%.0f-%.0f", min(rounds), max(rounds));
        String extra = "";
        String percent = "";
        if (base != null && !mode.equals(Mode.NO_AGENT)) {
          double difference = median(pairedDifferences(rounds, base));
          extra = String.format("%+.0f", difference);
          percent = String.format("%+.1f %%", 100 * difference / baseMedian);
        }
        out.printf(row, workload, mode, String.format("%.0f", median(rounds)), spread, extra, percent);
      }
    });
  }

  private static List<Double> pairedDifferences(List<Double> rounds, List<Double> base) {
    List<Double> differences = new ArrayList<>();
    for (int i = 0; i < Math.min(rounds.size(), base.size()); i++) {
      differences.add(rounds.get(i) - base.get(i));
    }
    return differences;
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
