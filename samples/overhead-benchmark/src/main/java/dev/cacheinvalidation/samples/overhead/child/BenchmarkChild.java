package dev.cacheinvalidation.samples.overhead.child;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs in each child JVM: sets up the JDBC and JPA workloads, warms each one up, then times it over several
 * iterations and prints one line per workload, {@code result <workload> <wall ns/op> <cpu ns/op> <quiet wall
 * ns/op>}: the medians of its iterations, and the 10th percentile of their wall-clock times (see
 * {@link #quietest}). The parent ({@code OverheadBenchmark}) reads only those lines.
 *
 * <p>Then, when asked for an application cache, it fills one ({@link AppCache}) and measures the writing
 * workloads again under names ending in {@code +app-cache}: with the agent, each write now makes the Caffeine
 * strategy walk that cache. Every mode runs them, so no agent gives the baseline for these rows too.
 *
 * <p>Warm-up: the iterations asked for, then more until the JIT finished no compilation during the last three
 * (at most twice as many again). On 2 cores HotSpot has one C2 thread, and on a slow or throttled machine it
 * may still be compiling the workload's methods when the asked warm-up ends; a child timed then lands in a fast
 * or slow state by chance. For each workload it also prints {@code jit <workload> <extra warm-up iterations> <ms the
 * JIT compiled during the timed iterations>}, which the parent ignores: a reader can see whether the timing
 * was of steady state.
 *
 * <p>Arguments: {@code <warmup iterations> <timed iterations> <iteration ms> <app cache entries>}.
 */
public final class BenchmarkChild {
  /** Operations between two clock reads: enough that reading the clock costs nothing measurable. */
  private static final int CHUNK = 64;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** The JIT's bean when it reports its compilation time, else null: every iteration then counts as quiet. */
  private static final CompilationMXBean JIT = timedJit();
  /**
   * Consecutive warm-up iterations in which the JIT must finish no compilation before timing starts. More than
   * one: the JIT's time grows only when a compilation ends, and one of a large method may outlast an iteration.
   */
  private static final int QUIET_ITERATIONS = 3;
  /** Extra warm-up, while the JIT is busy, at most this many times the iterations asked for. */
  public static final int MAX_EXTRA_WARMUP_FACTOR = 2;

  private BenchmarkChild() {}

  public static void main(String[] args) throws Exception {
    int warmupIterations = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    long iterationNanos = Long.parseLong(args[2]) * 1_000_000L;
    int appCacheEntries = Integer.parseInt(args[3]);
    try (JdbcWorkloads jdbc = new JdbcWorkloads(); JpaWorkloads jpa = new JpaWorkloads()) {
      List<Workload> workloads = new ArrayList<>(jdbc.workloads());
      workloads.addAll(jpa.workloads());
      for (Workload workload : workloads) {
        measure(workload, workload.name(), warmupIterations, iterations, iterationNanos);
      }
      if (appCacheEntries > 0) {
        AppCache.fill(appCacheEntries);
        for (Workload workload : workloads) {
          if (workload.writes()) {
            measure(workload, workload.name() + "+app-cache", warmupIterations, iterations, iterationNanos);
          }
        }
      }
    }
  }

  private static void measure(Workload workload, String name, int warmupIterations, int iterations,
      long iterationNanos) throws Exception {
    int quiet = 0;
    for (int i = 0; i < warmupIterations; i++) {
      quiet = warmUp(workload, iterationNanos) ? quiet + 1 : 0;
    }
    int extra = 0;
    while (quiet < QUIET_ITERATIONS && extra < MAX_EXTRA_WARMUP_FACTOR * warmupIterations) {
      quiet = warmUp(workload, iterationNanos) ? quiet + 1 : 0;
      extra++;
    }
    double[] wallNanos = new double[iterations];
    double[] cpuNanos = new double[iterations];
    long jitBefore = jitMillis();
    for (int i = 0; i < iterations; i++) {
      double[] perOperation = iteration(workload, iterationNanos);
      wallNanos[i] = perOperation[0];
      cpuNanos[i] = perOperation[1];
    }
    long jitDuringTimed = jitMillis() - jitBefore;
    System.out.printf(Locale.ROOT, "result %s %.1f %.1f %.1f%n", name, median(wallNanos), median(cpuNanos),
        quietest(wallNanos));
    System.out.printf(Locale.ROOT, "jit %s %d %d%n", name, extra, jitDuringTimed);
  }

  /** Runs one warm-up iteration; returns whether the JIT finished no compilation meanwhile. */
  private static boolean warmUp(Workload workload, long iterationNanos) throws Exception {
    long jitBefore = jitMillis();
    iteration(workload, iterationNanos);
    return jitMillis() == jitBefore;
  }

  /** Milliseconds the JIT has spent compiling so far (0 where the JVM does not tell). */
  private static long jitMillis() {
    return JIT != null ? JIT.getTotalCompilationTime() : 0;
  }

  private static CompilationMXBean timedJit() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit : null;
  }

  /**
   * Runs the workload for about {@code nanos} of wall time, then resets it; returns the wall time and this
   * thread's CPU time per operation. CPU time leaves out the time the thread waited for a core, so it stays
   * readable on a busy machine; it also leaves out other threads' work (the agent does its work on the calling
   * thread, so only GC and JIT are missed).
   */
  private static double[] iteration(Workload workload, long nanos) throws Exception {
    long operations = 0;
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long elapsed;
    do {
      workload.run(CHUNK);
      operations += CHUNK;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    workload.reset();
    return new double[] {(double) elapsed / operations, (double) cpu / operations};
  }

  /**
   * The 10th percentile (the fastest value when there are fewer than ten): the iterations the machine ran at
   * its own speed. On a virtual machine whose host slows its cores at random, an iteration of the same code
   * may take 25 % longer than the one before, while the {@code steal} time the guest sees stays near zero; the
   * noise only ever adds time, so the fast end of the distribution is where two builds' own costs show.
   */
  private static double quietest(double[] values) {
    double[] sorted = sorted(values);
    return sorted[sorted.length / 10];
  }

  private static double median(double[] values) {
    double[] sorted = sorted(values);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double[] sorted(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted;
  }
}
