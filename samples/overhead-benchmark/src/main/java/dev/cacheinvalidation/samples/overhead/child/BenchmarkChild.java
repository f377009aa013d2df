package dev.cacheinvalidation.samples.overhead.child;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs in each child JVM: sets up the JDBC and JPA workloads, then does what the parent
 * ({@code OverheadBenchmark}) asks, one command per line on standard input, and answers each with one line on
 * standard output. The parent drives the children of all modes in lockstep, one at a time, so that an
 * iteration of one mode and the same iteration of another ran moments apart (see {@code OverheadBenchmark}).
 *
 * <p>The conversation:
 * <ul>
 *   <li>at start: {@code workload <name> <writes>} for each workload, then {@code ready};
 *   <li>{@code warm <name>}: warms the workload up, answers {@code warm <name> <extra warm-up iterations>};
 *   <li>{@code time <name>}: one timed iteration, answers {@code time <name> <wall ns/op> <cpu ns/op>};
 *   <li>{@code fill-app-cache}: fills the application cache ({@link AppCache}), answers {@code filled};
 *   <li>{@code quit} or the end of input: closes the workloads and exits.
 * </ul>
 * Anything else is answered with {@code error <message>}, and a workload that fails ends the child with a
 * non-zero status.
 *
 * <p>Warm-up: the iterations asked for, then more until the JIT finished no compilation during the last three
 * (at most twice as many again). On 2 cores HotSpot has one C2 thread, and on a slow or throttled machine it
 * may still be compiling the workload's methods when the asked warm-up ends; a child timed then lands in a fast
 * or slow state by chance.
 *
 * <p>Arguments: {@code <warmup iterations> <iteration ms> <app cache entries>}. Not thread-safe: one thread.
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

  private final int warmupIterations;
  private final long iterationNanos;
  private final int appCacheEntries;
  private final Map<String, Workload> workloads = new LinkedHashMap<>();

  private BenchmarkChild(int warmupIterations, long iterationNanos, int appCacheEntries, List<Workload> workloads) {
    this.warmupIterations = warmupIterations;
    this.iterationNanos = iterationNanos;
    this.appCacheEntries = appCacheEntries;
    workloads.forEach(workload -> this.workloads.put(workload.name(), workload));
  }

  public static void main(String[] args) throws Exception {
    int warmupIterations = Integer.parseInt(args[0]);
    long iterationNanos = Long.parseLong(args[1]) * 1_000_000L;
    int appCacheEntries = Integer.parseInt(args[2]);
    PrintStream out = System.out;
    try (JdbcWorkloads jdbc = new JdbcWorkloads(); JpaWorkloads jpa = new JpaWorkloads()) {
      List<Workload> workloads = new ArrayList<>(jdbc.workloads());
      workloads.addAll(jpa.workloads());
      for (Workload workload : workloads) {
        out.printf("workload %s %b%n", workload.name(), workload.writes());
      }
      out.println("ready");
      out.flush();
      new BenchmarkChild(warmupIterations, iterationNanos, appCacheEntries, workloads).serve(out);
    }
  }

  private void serve(PrintStream out) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
      out.println(answer(line.split(" ")));
      out.flush();
    }
  }

  private String answer(String[] command) throws Exception {
    if (command.length == 1 && command[0].equals("fill-app-cache")) {
      AppCache.fill(appCacheEntries);
      return "filled";
    }
    Workload workload = command.length == 2 ? workloads.get(command[1]) : null;
    if (workload == null) {
      return "error unknown command or workload: " + String.join(" ", command);
    }
    return switch (command[0]) {
      case "warm" -> "warm " + workload.name() + " " + warmUp(workload);
      case "time" -> {
        double[] perOperation = iteration(workload);
        yield String.format(Locale.ROOT, "time %s %.1f %.1f", workload.name(), perOperation[0], perOperation[1]);
      }
      default -> "error unknown command: " + command[0];
    };
  }

  /** Warms the workload up until the JIT is quiet (see the class comment); returns the extra iterations run. */
  private int warmUp(Workload workload) throws Exception {
    int quiet = 0;
    for (int i = 0; i < warmupIterations; i++) {
      quiet = quietIteration(workload) ? quiet + 1 : 0;
    }
    int extra = 0;
    while (quiet < QUIET_ITERATIONS && extra < MAX_EXTRA_WARMUP_FACTOR * warmupIterations) {
      quiet = quietIteration(workload) ? quiet + 1 : 0;
      extra++;
    }
    return extra;
  }

  /** Runs one warm-up iteration; returns whether the JIT finished no compilation meanwhile. */
  private boolean quietIteration(Workload workload) throws Exception {
    long jitBefore = jitMillis();
    iteration(workload);
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
   * Runs the workload for about one iteration's wall time, then resets it; returns the wall time and this
   * thread's CPU time per operation. CPU time leaves out the time the thread waited for a core, so it stays
   * readable on a busy machine; it also leaves out other threads' work (the agent does its work on the calling
   * thread, so only GC and JIT are missed).
   */
  private double[] iteration(Workload workload) throws Exception {
    long operations = 0;
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long elapsed;
    do {
      workload.run(CHUNK);
      operations += CHUNK;
      elapsed = System.nanoTime() - start;
    } while (elapsed < iterationNanos);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    workload.reset();
    return new double[] {(double) elapsed / operations, (double) cpu / operations};
  }
}
