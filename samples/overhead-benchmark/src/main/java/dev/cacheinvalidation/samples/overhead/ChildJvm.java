package dev.cacheinvalidation.samples.overhead;

import dev.cacheinvalidation.samples.overhead.child.BenchmarkChild;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one child JVM running {@link BenchmarkChild} in a given {@link Mode} and returns its ns/op per
 * workload ({@link Measurement}). The child uses the parent's java binary and class path, a fixed heap (so heap
 * sizing is not part of the difference), and runs in a scratch directory so no {@code agent.properties} of the
 * caller's directory applies. Its stderr (agent and Hibernate logs) goes to a file, shown only when the child fails.
 *
 * <p>Not thread-safe; one child at a time, so children never compete with each other for the CPU.
 */
final class ChildJvm {
  private final Path scratch;
  private final Settings settings;

  /** How long each child warms up and measures, and the size of the application cache (0: none). */
  record Settings(int warmupIterations, int iterations, int iterationMillis, int appCacheEntries) {}

  ChildJvm(Path scratch, Settings settings) {
    this.scratch = scratch;
    this.settings = settings;
  }

  /**
   * One workload in one child, nanoseconds per operation: the medians of its iterations' wall-clock and thread
   * CPU times, and the 10th percentile of their wall-clock times (the machine's quiet moments).
   */
  record Measurement(double wallNanos, double cpuNanos, double quietWallNanos) {}

  /** Runs the child to completion; returns workload name → its measurement, in the order reported. */
  Map<String, Measurement> run(Mode mode) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms512m");
    command.add("-Xmx512m");
    command.addAll(mode.jvmOptions());
    command.addAll(List.of("-cp", absoluteClassPath(), BenchmarkChild.class.getName(),
        Integer.toString(settings.warmupIterations()), Integer.toString(settings.iterations()),
        Integer.toString(settings.iterationMillis()), Integer.toString(settings.appCacheEntries())));
    Path stderr = scratch.resolve("child.err");
    Process process = new ProcessBuilder(command).directory(scratch.toFile())
        .redirectError(stderr.toFile()).start();
    Map<String, Measurement> results = new LinkedHashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String[] fields = line.split(" ");
        if (fields.length == 5 && fields[0].equals("result")) {
          results.put(fields[1], new Measurement(Double.parseDouble(fields[2]), Double.parseDouble(fields[3]),
              Double.parseDouble(fields[4])));
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || results.isEmpty()) {
      throw new IllegalStateException("child '" + mode.name() + "' exited with " + exit + "; its stderr:\n"
          + tail(stderr));
    }
    return results;
  }

  /** The parent's class path with absolute entries: the child runs in another directory. */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
