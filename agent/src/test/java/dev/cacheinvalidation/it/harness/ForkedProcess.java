package dev.cacheinvalidation.it.harness;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A running forked JVM: its output (captured line by line), its exit, a way to send it commands on standard
 * input, and a JMX connection through the attach API's local connector. Close it to kill the process.
 *
 * <p>Scenarios report facts as lines {@code @@ key=value} ({@link Scenario#report}); {@link #reported} reads
 * them back. Thread-safe for reading output while the process runs.
 */
public final class ForkedProcess implements AutoCloseable {
  private static final Pattern REPORT = Pattern.compile("^@@ ([^=]+)=(.*)$");

  private final Process process;
  private final List<String> command;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private final Writer stdin;
  private JMXConnector connector;

  ForkedProcess(Process process, List<String> command) {
    this.process = process;
    this.command = command;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(process.getInputStream(), stdout, "stdout");
    pump(process.getErrorStream(), stderr, "stderr");
  }

  private void pump(InputStream stream, List<String> lines, String name) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "forked-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for the process to exit; fails with its output if it does not within the timeout. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("forked JVM did not exit within " + timeout + "\n" + describe());
    }
    Thread.sleep(50); // let the pumps drain
    return process.exitValue();
  }

  /** Waits for exit and asserts it was 0. */
  public ForkedProcess awaitSuccess(Duration timeout) throws InterruptedException {
    int code = awaitExit(timeout);
    if (code != 0) {
      throw new AssertionError("forked JVM exited with " + code + "\n" + describe());
    }
    return this;
  }

  /** Waits until a stdout line contains {@code text}; returns that line. */
  public String awaitStdout(String text, Duration timeout) throws InterruptedException {
    return awaitLine(stdout, text, timeout);
  }

  /** Waits until a stderr line contains {@code text}; returns that line. */
  public String awaitStderr(String text, Duration timeout) throws InterruptedException {
    return awaitLine(stderr, text, timeout);
  }

  private String awaitLine(List<String> lines, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int checked = 0;
      while (true) {
        for (; checked < lines.size(); checked++) {
          if (lines.get(checked).contains(text)) {
            return lines.get(checked);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        if (!process.isAlive() && checked == lines.size()) {
          lines.wait(100);
          if (checked == lines.size()) {
            break;
          }
        }
        lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
      }
    }
    throw new AssertionError("no line containing '" + text + "' within " + timeout + "\n" + describe());
  }

  /** The value of the last {@code @@ key=value} line, or null. */
  public String reported(String key) {
    String value = null;
    for (String line : stdoutLines()) {
      Matcher matcher = REPORT.matcher(line);
      if (matcher.matches() && matcher.group(1).equals(key)) {
        value = matcher.group(2);
      }
    }
    return value;
  }

  /** Waits for a {@code @@ key=value} line and returns the value. */
  public String awaitReported(String key, Duration timeout) throws InterruptedException {
    String line = awaitStdout("@@ " + key + "=", timeout);
    return line.substring(line.indexOf('=') + 1);
  }

  /** Sends one line to the scenario's standard input ({@link Scenario#awaitCommand}). */
  public void send(String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  public List<String> stdoutLines() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  public List<String> stderrLines() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  public String stdoutText() {
    return String.join("\n", stdoutLines());
  }

  public String stderrText() {
    return String.join("\n", stderrLines());
  }

  /** A JMX connection to the process through the attach API's local connector. */
  public synchronized MBeanServerConnection jmx() throws Exception {
    if (connector == null) {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid()));
      try {
        String address = vm.startLocalManagementAgent();
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address), Map.of());
      } finally {
        vm.detach();
      }
    }
    return connector.getMBeanServerConnection();
  }

  /** A proxy for an MXBean, waiting up to {@code timeout} for it to be registered. */
  public <T> T mxBean(String objectName, Class<T> type, Duration timeout) throws Exception {
    ObjectName name = new ObjectName(objectName);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!jmx().isRegistered(name)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(objectName + " not registered within " + timeout + "\n" + describe());
      }
      Thread.sleep(20);
    }
    return JMX.newMXBeanProxy(jmx(), name, type);
  }

  /** The command line and all output so far, for assertion messages. */
  public String describe() {
    return "command: " + String.join(" ", command) + "\n--- stdout ---\n" + stdoutText() + "\n--- stderr ---\n"
        + stderrText();
  }

  @Override
  public void close() {
    try {
      if (connector != null) {
        connector.close();
      }
    } catch (IOException ignored) {
      // the process may be gone
    }
    process.destroyForcibly();
  }
}
