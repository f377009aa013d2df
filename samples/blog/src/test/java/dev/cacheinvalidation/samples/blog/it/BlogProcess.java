package dev.cacheinvalidation.samples.blog.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built sample jar in a JVM of its own (the JDK running the tests), with or without the built agent on
 * {@code -javaagent}; its output lines are collected as they come. Close it to stop the JVM.
 */
final class BlogProcess implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 120;

  private final Process process;
  private final Path workingDirectory;
  private final List<String> stdout = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private BlogProcess(Process process, Path workingDirectory) {
    this.process = process;
    this.workingDirectory = workingDirectory;
    this.stdoutReader = drain(process, false);
    this.stderrReader = drain(process, true);
  }

  static BlogProcess start(boolean withAgent, String... arguments) throws IOException {
    return start(withAgent ? "" : null, arguments);
  }

  /** {@code agentArguments}: null for no agent, else the text after {@code -javaagent:<jar>=} (may be empty). */
  static BlogProcess start(String agentArguments, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agentArguments != null) {
      command.add("-javaagent:" + existing("blog.agent.jar") + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
    }
    command.add("-jar");
    command.add(existing("blog.sample.jar").toString());
    command.addAll(List.of(arguments));
    // A directory without agent.properties, so the agent runs on its documented defaults.
    Path workingDirectory = Files.createTempDirectory("blog-sample-it");
    return new BlogProcess(new ProcessBuilder(command).directory(workingDirectory.toFile()).start(), workingDirectory);
  }

  /** Waits for the JVM to exit; fails the test if it takes too long or exits with an error. */
  List<String> awaitExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the sample did not exit in " + TIMEOUT_SECONDS + " s; output so far:\n" + output());
    }
    stdoutReader.join();
    stderrReader.join();
    if (process.exitValue() != 0) {
      throw new AssertionError("the sample exited with " + process.exitValue() + ":\n" + output());
    }
    return lines();
  }

  /** Waits for the first output line that matches and returns it. */
  String awaitLine(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        if (wanted.test(line)) {
          return line;
        }
      }
      if (!process.isAlive() && !stdoutReader.isAlive()) {
        throw new AssertionError("the sample exited with " + process.exitValue() + ":\n" + output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no such line in " + TIMEOUT_SECONDS + " s; output so far:\n" + output());
  }

  List<String> lines() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  String output() {
    return String.join("\n", lines()) + "\n--- stderr ---\n" + stderr();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(workingDirectory);
  }

  private Thread drain(Process process, boolean errors) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          errors ? process.getErrorStream() : process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (errors) {
            synchronized (stderr) {
              stderr.append(line).append('\n');
            }
          } else {
            synchronized (stdout) {
              stdout.add(line);
            }
          }
        }
      } catch (IOException closed) {
        // the process ended
      }
    }, errors ? "blog-stderr" : "blog-stdout");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static Path existing(String property) {
    Path path = Path.of(System.getProperty(property, "(" + property + " not set)"));
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(property + ": no file " + path + " (build with mvn package first)");
    }
    return path;
  }
}
