package dev.cacheinvalidation.samples.staleness.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One forked application instance ({@code CacheAsideApp}) and its line protocol: commands go to its stdin,
 * {@code @@} lines come back from its stdout; stderr (the agent's log) goes to a file. Not thread-safe.
 */
final class ApplicationProcess implements AutoCloseable {
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> protocolLines = new LinkedBlockingQueue<>();
  private final Path log;

  ApplicationProcess(List<String> command, Path log) throws IOException {
    this.log = log;
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("@@")) {
            protocolLines.add(line);
          }
        }
      } catch (IOException ended) {
        // the process is gone; await() reports it
      }
    }, "app-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  void send(String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  /** The rest of the next protocol line, which must start with {@code @@<tag>}. */
  String await(String tag, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      String line = protocolLines.poll(50, TimeUnit.MILLISECONDS);
      if (line != null) {
        if (!line.startsWith("@@" + tag)) {
          throw new IOException("expected @@" + tag + " from pid " + pid() + ", got: " + line);
        }
        return line.substring(2 + tag.length()).trim();
      }
      if (!process.isAlive() && protocolLines.isEmpty()) {
        throw new IOException("application pid " + pid() + " exited (" + process.exitValue()
            + ") before @@" + tag + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("no @@" + tag + " from pid " + pid() + " within " + timeoutMillis + " ms; see " + log);
      }
    }
  }

  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
