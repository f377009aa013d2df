package dev.cacheinvalidation.samples.overhead;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line of {@link OverheadBenchmark}, with defaults that keep a full run at about 5 minutes on
 * two cores and a {@code --quick} preset (about 20 s) that only shows the harness works.
 *
 * <p>The agent jars are found relative to the repository root, which is the nearest directory above this
 * program's jar (or above the working directory) that holds {@code agent/target/cache-invalidation-agent.jar}.
 *
 * <p>Immutable once parsed.
 */
final class BenchmarkOptions {
  static final String USAGE = """
      usage: java -jar samples/overhead-benchmark/target/overhead-benchmark.jar [options]
        --quick               one short round: shows the harness works, too noisy for figures
        --rounds N            rounds, each with a new child JVM per mode (default 3)
        --warmup N            warm-up iterations per workload in each child (default 25), then more until
                              three pass in which the JIT finished no compilation (at most 2N more): steady
                              state, the JIT's one C2 thread on 2 cores done with Hibernate's, the driver's
                              and the agent's code
        --iterations N        timed iterations per workload in each child, the modes' taken in turn
                              (default 20)
        --iteration-ms N      length of one iteration (default 100)
        --app-cache N         entries of the application Caffeine cache of the '+app-cache' rows,
                              which repeat the writes (default 1000; 0 leaves those rows out)
        --agent PATH          this agent's jar (default <repo>/agent/target/cache-invalidation-agent.jar)
        --otel PATH|none      OpenTelemetry's Java agent (default
                              <repo>/samples/overhead-benchmark/target/opentelemetry-javaagent.jar)
      """;

  int rounds = 3;
  int warmupIterations = 25;
  int iterations = 20;
  int iterationMillis = 100;
  int appCacheEntries = 1_000;
  Path agent;
  Path otel;
  boolean otelDisabled;

  static BenchmarkOptions parse(String[] args) {
    BenchmarkOptions options = new BenchmarkOptions();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--quick")) {
        options.rounds = 1;
        options.warmupIterations = 2;
        options.iterations = 2;
        options.iterationMillis = 100;
        continue;
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--rounds" -> options.rounds = positive(flag, value);
        case "--warmup" -> options.warmupIterations = positiveOrZero(flag, value);
        case "--iterations" -> options.iterations = positive(flag, value);
        case "--iteration-ms" -> options.iterationMillis = positive(flag, value);
        case "--app-cache" -> options.appCacheEntries = positiveOrZero(flag, value);
        case "--agent" -> options.agent = Path.of(value).toAbsolutePath();
        case "--otel" -> {
          options.otelDisabled = value.equals("none");
          options.otel = options.otelDisabled ? null : Path.of(value).toAbsolutePath();
        }
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    Path root = repositoryRoot();
    if (options.agent == null) {
      options.agent = root.resolve("agent/target/cache-invalidation-agent.jar");
    }
    if (options.otel == null && !options.otelDisabled) {
      options.otel = root.resolve("samples/overhead-benchmark/target/opentelemetry-javaagent.jar");
    }
    if (!Files.isRegularFile(options.agent)) {
      throw new IllegalArgumentException("agent jar not found: " + options.agent + " (build first, or --agent)");
    }
    if (options.otel != null && !Files.isRegularFile(options.otel)) {
      throw new IllegalArgumentException("OpenTelemetry agent not found: " + options.otel
          + " (build this module, or --otel PATH, or --otel none)");
    }
    return options;
  }

  private static Path repositoryRoot() {
    Path start;
    try {
      start = Path.of(BenchmarkOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      start = Path.of("").toAbsolutePath();
    }
    for (Path from : new Path[] {start, Path.of("").toAbsolutePath()}) {
      for (Path dir = from; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("agent/target/cache-invalidation-agent.jar"))) {
          return dir;
        }
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private static int positive(String flag, String value) {
    int parsed = positiveOrZero(flag, value);
    if (parsed == 0) {
      throw new IllegalArgumentException(flag + " must be at least 1, was " + value);
    }
    return parsed;
  }

  private static int positiveOrZero(String flag, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " takes a whole number >= 0, was '" + value + "'");
  }
}
