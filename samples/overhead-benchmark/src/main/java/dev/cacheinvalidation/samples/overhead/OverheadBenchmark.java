package dev.cacheinvalidation.samples.overhead;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the per-operation cost the agent adds to JDBC statements and JPA operations on H2 in memory.
 *
 * <p>Each mode (no agent, this agent, OpenTelemetry's Java agent with its exporters off) runs in its own child
 * JVM, a new one per round. Within a round the children take turns, one timed iteration each, so that each
 * mode's iteration runs moments from no agent's and a shared host's slow seconds hit both alike
 * ({@link LockstepRound}); across rounds, fresh JVMs show how much the JIT's choices alone move the figures.
 * The tables give, per workload and mode, the median ns/op over rounds with its min–max, and the difference to
 * no agent: the median over rounds of the paired ratio of iterations, with the rounds' range; for the wall-clock
 * time per operation and for the benchmark thread's CPU time.
 *
 * <p>Usage (from the repository root, after {@code mvn -DskipTests package}):
 * {@code java -jar samples/overhead-benchmark/target/overhead-benchmark.jar [--quick]}; see
 * {@link BenchmarkOptions#USAGE}. Exit status 2 for a bad command line, 1 when a child failed.
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(BenchmarkOptions.USAGE);
      System.exit(2);
      return;
    }
    List<Mode> modes = modes(options);
    ChildJvm.Settings settings =
        new ChildJvm.Settings(options.warmupIterations, options.iterationMillis, options.appCacheEntries);
    Path scratch = Files.createTempDirectory("overhead-benchmark");
    List<String> modeNames = modes.stream().map(Mode::name).toList();
    ResultTable wall = new ResultTable(modeNames);
    ResultTable cpu = new ResultTable(modeNames);
    System.out.printf("%d round(s) of %d child JVMs, a new one per mode and round; per workload: %d warm-up "
        + "iterations (then more until the JIT is quiet, at most %d more), then %d timed iterations of %d ms, "
        + "the modes' in lockstep%n", options.rounds, modes.size(), options.warmupIterations,
        settings.maxExtraWarmup(), options.iterations, options.iterationMillis);
    if (options.appCacheEntries > 0) {
      System.out.printf("'+app-cache' rows: the writes again, with an application Caffeine cache of %d entries "
          + "that no write matches%n", options.appCacheEntries);
    }
    System.out.printf("java %s (%s), %d cores; agent %s; otel %s%n", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), options.agent,
        options.otel == null ? "(left out)" : options.otel);
    long start = System.nanoTime();
    try {
      for (int round = 1; round <= options.rounds; round++) {
        long roundStart = System.nanoTime();
        List<String> unsettled =
            new LockstepRound(modes, settings, options.iterations, scratch, wall, cpu).run();
        System.out.printf("round %d/%d: %5.1f s%s%n", round, options.rounds, (System.nanoTime() - roundStart) / 1e9,
            unsettled.isEmpty() ? "" : "; the JIT was still compiling after the longest warm-up of "
                + (unsettled.size() <= 3 ? String.join(", ", unsettled) : unsettled.size() + " workloads"));
      }
    } catch (IllegalStateException childFailed) {
      System.err.println(childFailed.getMessage());
      System.exit(1);
    }
    System.out.printf("%nWall-clock time per operation (what an application sees):%n");
    wall.print(System.out);
    System.out.printf("%nCPU time of the benchmark thread per operation:%n");
    cpu.print(System.out);
    System.out.printf("%nWall-clock +%% of each round, in round order (each round a new JVM per mode):%n");
    wall.printRounds(System.out);
    System.out.printf("%ntotal %.0f s; ns/op: median over rounds of each child's median; min-max: over rounds; "
        + "+%%: median over rounds%nof the median ratio of each timed iteration to no agent's iteration next to "
        + "it; +ns/op: that of no agent's ns/op;%n+%% min..max: the rounds' ratios (the spread between JVMs)%n",
        (System.nanoTime() - start) / 1e9);
    try (var left = Files.list(scratch)) {
      if (left.findAny().isEmpty()) {
        Files.delete(scratch);
      }
    }
  }

  private static List<Mode> modes(BenchmarkOptions options) {
    List<Mode> modes = new ArrayList<>();
    modes.add(Mode.noAgent());
    modes.add(new Mode("cache-invalidation-agent", List.of("-javaagent:" + options.agent)));
    if (options.otel != null) {
      modes.add(new Mode("opentelemetry-javaagent", List.of("-javaagent:" + options.otel,
          "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")));
    }
    return modes;
  }
}
