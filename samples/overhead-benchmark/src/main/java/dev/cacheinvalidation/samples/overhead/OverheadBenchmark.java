package dev.cacheinvalidation.samples.overhead;

import dev.cacheinvalidation.samples.overhead.child.BenchmarkChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the per-operation cost the agent adds to JDBC statements and JPA operations on H2 in memory.
 *
 * <p>Each mode (no agent, this agent, OpenTelemetry's Java agent with its exporters off) runs in its own child
 * JVM. Modes are interleaved, round after round, so that noise on a shared machine hits all of them alike; each
 * child warms up and then times each workload. The tables give, per workload and mode, the median ns/op over
 * rounds, the min–max over rounds and the paired difference to no agent: of the children's median wall-clock
 * and CPU times per operation, and of their 10th percentile of wall-clock time, which a host that slows the
 * machine's cores at random affects least.
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
        new ChildJvm.Settings(options.warmupIterations, options.iterations, options.iterationMillis,
            options.appCacheEntries);
    Path scratch = Files.createTempDirectory("overhead-benchmark");
    ChildJvm child = new ChildJvm(scratch, settings);
    List<String> modeNames = modes.stream().map(Mode::name).toList();
    ResultTable wall = new ResultTable(modeNames);
    ResultTable cpu = new ResultTable(modeNames);
    ResultTable quietWall = new ResultTable(modeNames);
    System.out.printf("%d round(s) x %d modes, interleaved; per child and workload: %d warm-up (then more until "
        + "the JIT is quiet, at most %d more) + %d timed iterations of %d ms, their median and 10th percentile%n",
        options.rounds, modes.size(), options.warmupIterations,
        BenchmarkChild.MAX_EXTRA_WARMUP_FACTOR * options.warmupIterations, options.iterations,
        options.iterationMillis);
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
        for (Mode mode : modes) {
          long childStart = System.nanoTime();
          Map<String, ChildJvm.Measurement> results = child.run(mode);
          results.forEach((workload, measured) -> {
            wall.add(mode.name(), workload, measured.wallNanos());
            cpu.add(mode.name(), workload, measured.cpuNanos());
            quietWall.add(mode.name(), workload, measured.quietWallNanos());
          });
          System.out.printf("round %d/%d: %-26s %5.1f s%n", round, options.rounds, mode.name(),
              (System.nanoTime() - childStart) / 1e9);
        }
      }
    } catch (IllegalStateException childFailed) {
      System.err.println(childFailed.getMessage());
      System.exit(1);
    }
    System.out.printf("%nWall-clock time per operation (what an application sees):%n");
    wall.print(System.out);
    System.out.printf("%nCPU time of the benchmark thread per operation (less sensitive to a busy machine):%n");
    cpu.print(System.out);
    System.out.printf("%nWall-clock time per operation, 10th percentile of each child's iterations (the machine's "
        + "quiet moments:%nwhere a shared host slows iterations at random, the agent's own cost):%n");
    quietWall.print(System.out);
    System.out.printf("%ntotal %.0f s; ns/op: median over rounds; min-max: over rounds; +ns/op: median of the "
        + "per-round differences to no agent%n", (System.nanoTime() - start) / 1e9);
    Files.deleteIfExists(scratch.resolve("child.err"));
    Files.deleteIfExists(scratch);
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
