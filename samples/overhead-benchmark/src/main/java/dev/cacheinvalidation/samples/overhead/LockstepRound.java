package dev.cacheinvalidation.samples.overhead;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One round of the benchmark: a fresh child JVM per mode, started and warmed up one at a time, then every
 * workload timed in lockstep: iteration {@code i} of each mode in turn, forwards for even {@code i} and
 * backwards for odd ones (A B, B A, A B, ...), so each mode's iteration ran next to no agent's (with three
 * modes, at most one iteration away) and no mode always goes first. Only one child works at any moment.
 *
 * <p>Why: this virtual machine's host slows the cores for a second or two at a time, by up to half, with no
 * {@code steal} time to show for it; children timed one after the other (a minute apart) each met a different
 * share of slow seconds, and a 5 % difference drowned. Iterations a few hundred milliseconds apart mostly meet
 * the same slow or fast second.
 *
 * <p>Not thread-safe; one round at a time.
 */
final class LockstepRound {
  private static final String APP_CACHE_SUFFIX = "+app-cache";

  private final List<Mode> modes;
  private final ChildJvm.Settings settings;
  private final int iterations;
  private final Path scratch;
  private final ResultTable wall;
  private final ResultTable cpu;
  /** Warm-ups that ended with the JIT still compiling (the extra iterations ran out), as "mode: workload". */
  private final List<String> unsettled = new ArrayList<>();

  /**
   * @param modes the modes, no agent first
   * @param wall where each workload's wall-clock times go
   * @param cpu where each workload's CPU times go
   */
  LockstepRound(List<Mode> modes, ChildJvm.Settings settings, int iterations, Path scratch, ResultTable wall,
      ResultTable cpu) {
    this.modes = modes;
    this.settings = settings;
    this.iterations = iterations;
    this.scratch = scratch;
    this.wall = wall;
    this.cpu = cpu;
  }

  /**
   * Runs the round and adds its results to the tables.
   *
   * @return the warm-ups that ended with the JIT still compiling, as "mode: workload" (a reader's hint)
   */
  List<String> run() throws IOException {
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (Mode mode : modes) {
        children.add(ChildJvm.start(mode, settings, scratch));
      }
      Map<String, Boolean> workloads = children.get(0).workloads();
      for (String workload : workloads.keySet()) {
        measure(children, workload, workload);
      }
      if (settings.appCacheEntries() > 0) {
        for (ChildJvm child : children) {
          child.fillAppCache();
        }
        for (Map.Entry<String, Boolean> workload : workloads.entrySet()) {
          if (workload.getValue()) {
            measure(children, workload.getKey(), workload.getKey() + APP_CACHE_SUFFIX);
          }
        }
      }
    } finally {
      for (ChildJvm child : children) {
        child.close();
      }
    }
    return unsettled;
  }

  private void measure(List<ChildJvm> children, String workload, String label) throws IOException {
    for (ChildJvm child : children) {
      if (child.warm(workload) >= settings.maxExtraWarmup() && settings.warmupIterations() > 0) {
        unsettled.add(child.mode().name() + ": " + label);
      }
    }
    int count = children.size();
    double[][] wallNanos = new double[count][iterations];
    double[][] cpuNanos = new double[count][iterations];
    for (int i = 0; i < iterations; i++) {
      for (int turn = 0; turn < count; turn++) {
        int c = childAt(i, turn, count);
        ChildJvm.Timing timing = children.get(c).time(workload);
        wallNanos[c][i] = timing.wallNanos();
        cpuNanos[c][i] = timing.cpuNanos();
      }
    }
    for (int c = 0; c < count; c++) {
      String mode = children.get(c).mode().name();
      wall.add(mode, label, wallNanos[c], wallNanos[0]);
      cpu.add(mode, label, cpuNanos[c], cpuNanos[0]);
    }
  }

  /** The child whose turn it is in timed iteration {@code iteration}: forwards when even, backwards when odd. */
  static int childAt(int iteration, int turn, int count) {
    return iteration % 2 == 0 ? turn : count - 1 - turn;
  }
}
