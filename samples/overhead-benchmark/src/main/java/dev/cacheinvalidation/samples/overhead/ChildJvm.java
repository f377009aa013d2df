package dev.cacheinvalidation.samples.overhead;

import dev.cacheinvalidation.samples.overhead.child.BenchmarkChild;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM running {@link BenchmarkChild} in a given {@link Mode}, driven one command at a time: warm a
 * workload up, time one iteration of it, fill the application cache. The child uses the parent's java binary
 * and class path, a fixed heap (so heap sizing is not part of the difference), and runs in a scratch directory
 * so no {@code agent.properties} of the caller's directory applies. Its stderr (agent and Hibernate logs) goes
 * to a file, shown only when the child fails.
 *
 * <p>Every call waits for the child's answer, so a child works only while the parent waits for it: children of
 * several modes may be alive at once without ever competing for the CPU. Not thread-safe.
 */
final class ChildJvm implements AutoCloseable {
  private static final long QUIT_SECONDS = 30;

  private final Mode mode;
  private final Process process;
  private final Path stderr;
  private final Writer commands;
  private final BufferedReader answers;
  /** Workload name → whether it writes, in the child's order. */
  private final Map<String, Boolean> workloads = new LinkedHashMap<>();

  /** How long each child warms up and times one iteration, and the size of the application cache (0: none). */
  record Settings(int warmupIterations, int iterationMillis, int appCacheEntries) {
    /** The most extra warm-up iterations a child runs while the JIT is busy. */
    int maxExtraWarmup() {
      return BenchmarkChild.MAX_EXTRA_WARMUP_FACTOR * warmupIterations;
    }
  }

  /** One timed iteration, nanoseconds per operation: wall-clock time and the benchmark thread's CPU time. */
  record Timing(double wallNanos, double cpuNanos) {}

  private ChildJvm(Mode mode, Process process, Path stderr) {
    this.mode = mode;
    this.process = process;
    this.stderr = stderr;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts a child and waits until its workloads are set up. */
  static ChildJvm start(Mode mode, Settings settings, Path scratch) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms512m");
    command.add("-Xmx512m");
    command.addAll(mode.jvmOptions());
    command.addAll(List.of("-cp", absoluteClassPath(), BenchmarkChild.class.getName(),
        Integer.toString(settings.warmupIterations()), Integer.toString(settings.iterationMillis()),
        Integer.toString(settings.appCacheEntries())));
    Path stderr = Files.createTempFile(scratch, "child-", ".err");
    Process process = new ProcessBuilder(command).directory(scratch.toFile())
        .redirectError(stderr.toFile()).start();
    ChildJvm child = new ChildJvm(mode, process, stderr);
    try {
      for (String line = child.readLine(); !line.equals("ready"); line = child.readLine()) {
        String[] fields = line.split(" ");
        if (fields.length == 3 && fields[0].equals("workload")) {
          child.workloads.put(fields[1], Boolean.parseBoolean(fields[2]));
        }
      }
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
    return child;
  }

  Mode mode() {
    return mode;
  }

  /** The child's workloads, name → whether it writes, in the order it set them up. */
  Map<String, Boolean> workloads() {
    return workloads;
  }

  /** Warms the workload up until the JIT is quiet; returns the extra warm-up iterations that took. */
  int warm(String workload) throws IOException {
    return Integer.parseInt(ask("warm " + workload, "warm")[2]);
  }

  /** Times one iteration of the workload. */
  Timing time(String workload) throws IOException {
    String[] answer = ask("time " + workload, "time");
    return new Timing(Double.parseDouble(answer[2]), Double.parseDouble(answer[3]));
  }

  /** Fills the application cache: from now on each write makes the Caffeine strategy walk it. */
  void fillAppCache() throws IOException {
    ask("fill-app-cache", "filled");
  }

  /**
   * Asks the child to quit and waits for it, at most {@value #QUIT_SECONDS} s (then it is killed, so a child that
   * hangs while closing its workloads cannot hang the benchmark); keeps its stderr unless it exited cleanly.
   */
  @Override
  public void close() throws IOException {
    try {
      commands.write("quit\n");
      commands.flush();
    } catch (IOException alreadyGone) {
      // It exited: its status tells.
    }
    try {
      if (!process.waitFor(QUIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      } else if (process.exitValue() == 0) {
        Files.deleteIfExists(stderr);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends a command and returns the words of its answer, the first line whose first word is {@code answerWord}:
   * anything else a library prints to standard output meanwhile is skipped.
   */
  private String[] ask(String command, String answerWord) throws IOException {
    commands.write(command + "\n");
    commands.flush();
    while (true) {
      String[] answer = readLine().split(" ");
      if (answer[0].equals("error")) {
        throw failed(String.join(" ", answer));
      }
      if (answer[0].equals(answerWord)) {
        return answer;
      }
    }
  }

  private String readLine() throws IOException {
    String line = answers.readLine();
    if (line == null) {
      throw failed("no answer");
    }
    return line;
  }

  private IllegalStateException failed(String what) throws IOException {
    process.destroyForcibly();
    return new IllegalStateException("child '" + mode.name() + "': " + what + "; its stderr:\n" + tail(stderr));
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
