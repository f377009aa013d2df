package dev.cacheinvalidation.samples.startup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts {@link TrivialProgram} many times in each configuration, interleaved so that machine noise hits all
 * of them alike, and prints the median wall time and peak RSS of each and the difference to no agent.
 *
 * <p>Usage: {@code java -cp samples/startup-benchmark/target/startup-benchmark.jar
 * dev.cacheinvalidation.samples.startup.StartupBenchmark [runs]} from the repository root, after the build.
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path agent = Path.of("agent/target/cache-invalidation-agent.jar").toAbsolutePath();
    Path otel = Path.of("samples/startup-benchmark/target/opentelemetry-javaagent.jar").toAbsolutePath();
    String classPath = Path.of("samples/startup-benchmark/target/classes").toAbsolutePath().toString();

    Map<String, List<String>> configurations = new LinkedHashMap<>();
    configurations.put("no agent", List.of());
    configurations.put("cache-invalidation-agent", List.of("-javaagent:" + agent));
    if (Files.isRegularFile(otel)) {
      configurations.put("opentelemetry-javaagent", List.of("-javaagent:" + otel, "-Dotel.traces.exporter=none",
          "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
    }
    Map<String, List<Long>> wall = new LinkedHashMap<>();
    Map<String, List<Long>> rss = new LinkedHashMap<>();
    configurations.keySet().forEach(name -> {
      wall.put(name, new ArrayList<>());
      rss.put(name, new ArrayList<>());
    });
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int run = -1; run < runs; run++) { // run -1 warms the file cache and is discarded
      for (Map.Entry<String, List<String>> configuration : configurations.entrySet()) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(configuration.getValue());
        command.addAll(List.of("-cp", classPath, TrivialProgram.class.getName()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long peak = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("peak-rss-kib=")) {
              peak = Long.parseLong(line.substring("peak-rss-kib=".length()));
            }
          }
        }
        if (process.waitFor() != 0) {
          throw new IllegalStateException(configuration.getKey() + " exited with " + process.exitValue());
        }
        long elapsed = System.nanoTime() - start;
        if (run >= 0) {
          wall.get(configuration.getKey()).add(elapsed / 1_000_000);
          rss.get(configuration.getKey()).add(peak / 1024);
        }
      }
    }
    long baseWall = median(wall.get("no agent"));
    long baseRss = median(rss.get("no agent"));
    System.out.printf("%-26s %12s %12s %14s %14s%n", "configuration (" + runs + " runs)", "wall ms", "peak MiB",
        "+wall ms", "+peak MiB");
    for (String name : configurations.keySet()) {
      long w = median(wall.get(name));
      long r = median(rss.get(name));
      System.out.printf("%-26s %12d %12d %14d %14d%n", name, w, r, w - baseWall, r - baseRss);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
