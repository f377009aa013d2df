package dev.cacheinvalidation.samples.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application's write latency with {@code strategy=redis-pattern} while Redis is up and while it is down
 * (killed), beside the same application without the agent. Rounds interleave the phases so that machine noise
 * hits them alike; each phase runs the same number of writes in a long-lived {@link FaultApplication} JVM, and
 * the table shows the median over rounds of each phase's p50, p99 and mean. Goal: Redis down within 10 % of
 * Redis up (an outage costs the application nothing once the first failure is seen).
 *
 * <p>Usage, from the repository root after the build:
 * {@code java -jar samples/fault-benchmark/target/fault-benchmark.jar [rounds] [writes-per-phase]}. Needs
 * {@code redis-server} on PATH, or uses the Linux binary shipped in the jar. Starts everything itself, on
 * loopback only, and stops it at the end.
 */
public final class FaultBenchmark {
  private static final String AWAIT_MS = "100";

  private FaultBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int writes = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Path agent = Path.of("agent/target/cache-invalidation-agent.jar").toAbsolutePath();
    if (!Files.isRegularFile(agent)) {
      throw new IllegalStateException("build the agent first: " + agent + " is missing");
    }
    Path redisBinary = redisBinary();
    int port = freePort();
    Map<String, List<long[]>> results = new LinkedHashMap<>();
    for (String phase : List.of("no agent", "agent, Redis up", "agent, Redis down")) {
      results.put(phase, new ArrayList<>());
    }
    Process redis = startRedis(redisBinary, port);
    seedUnrelatedKeys(port, 1_000);
    try (Child plain = Child.start(null); Child withAgent = Child.start("-javaagent:" + agent
        + "=strategy=redis-pattern,redis.uri=redis://127.0.0.1:" + port + "/0,await-ms=" + AWAIT_MS
        + ",jmx.enabled=false,log.level=warn")) {
      plain.run(writes);
      withAgent.run(writes); // warm-up: JIT, the agent's first Redis connection
      for (int round = 0; round < rounds; round++) {
        results.get("no agent").add(plain.run(writes));
        results.get("agent, Redis up").add(withAgent.run(writes));
        redis.destroyForcibly().waitFor();
        results.get("agent, Redis down").add(withAgent.run(writes));
        redis = startRedis(redisBinary, port);
        Thread.sleep(1_500); // the agent's retry loop (at most 1 s apart) finds Redis back and drains
        System.err.printf("round %d of %d done%n", round + 1, rounds);
      }
    } finally {
      redis.destroyForcibly().waitFor();
    }
    print(results, rounds, writes);
  }

  private static void print(Map<String, List<long[]>> results, int rounds, int writes) {
    System.out.printf("write latency, µs (%d rounds x %d writes; median over rounds; await-ms=%s)%n", rounds, writes,
        AWAIT_MS);
    System.out.printf("%-20s %8s %8s %8s %10s%n", "phase", "p50", "p99", "mean", "max");
    for (Map.Entry<String, List<long[]>> phase : results.entrySet()) {
      System.out.printf("%-20s %8d %8d %8d %10d%n", phase.getKey(), median(phase.getValue(), 0),
          median(phase.getValue(), 1), median(phase.getValue(), 2), max(phase.getValue(), 3));
    }
    List<long[]> up = results.get("agent, Redis up");
    List<long[]> down = results.get("agent, Redis down");
    System.out.printf("Redis down vs up: p50 %+.1f %%, p99 %+.1f %%, mean %+.1f %% (goal: within 10 %%)%n",
        change(median(down, 0), median(up, 0)), change(median(down, 1), median(up, 1)),
        change(median(down, 2), median(up, 2)));
  }

  private static double change(long value, long base) {
    return base == 0 ? 0 : 100.0 * (value - base) / base;
  }

  private static long median(List<long[]> rows, int column) {
    List<Long> values = new ArrayList<>();
    rows.forEach(row -> values.add(row[column]));
    values.sort(null);
    return values.get(values.size() / 2);
  }

  private static long max(List<long[]> rows, int column) {
    long max = 0;
    for (long[] row : rows) {
      max = Math.max(max, row[column]);
    }
    return max;
  }

  /** One {@link FaultApplication} JVM, with or without the agent. */
  private static final class Child implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private Child(Process process) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Child start(String agentOption) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-XX:+UseSerialGC"));
      if (agentOption != null) {
        command.add(agentOption);
      }
      command.addAll(List.of("-cp", ownJar(), FaultApplication.class.getName()));
      Child child = new Child(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
      child.awaitLine("ready");
      return child;
    }

    /** Runs {@code writes} writes; returns {p50, p99, mean, max} in µs. */
    long[] run(int writes) throws IOException {
      in.write("run " + writes + "\n");
      in.flush();
      String[] parts = awaitLine("result ").split(" ");
      return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
          Long.parseLong(parts[4])};
    }

    private String awaitLine(String prefix) throws IOException {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IOException("the application ended before printing '" + prefix + "'");
    }

    @Override
    public void close() throws Exception {
      try {
        in.write("exit\n");
        in.flush();
      } catch (IOException ignored) {
        // already gone
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static String ownJar() {
    try {
      return Path.of(FaultBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot locate the benchmark's own jar", e);
    }
  }

  private static Process startRedis(Path binary, int port) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--loglevel", "warning")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        if (socket.getInputStream().read() == '+') {
          return process;
        }
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    process.destroyForcibly();
    throw new IOException("redis-server did not answer on port " + port);
  }

  /** Keys no write invalidates, so each pattern delete walks a keyspace rather than an empty server. */
  private static void seedUnrelatedKeys(int port, int count) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      StringBuilder commands = new StringBuilder();
      for (int i = 0; i < count; i++) {
        String key = "other:" + i;
        commands.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
            .append("\r\n$1\r\nv\r\n");
      }
      socket.getOutputStream().write(commands.toString().getBytes(StandardCharsets.US_ASCII));
      InputStream replies = socket.getInputStream();
      for (int lines = 0; lines < count; ) {
        int b = replies.read();
        if (b < 0) {
          throw new IOException("redis closed the connection while seeding");
        }
        if (b == '\n') {
          lines++;
        }
      }
    }
  }

  private static Path redisBinary() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path extracted = Path.of(System.getProperty("java.io.tmpdir"), "fault-benchmark-redis-server");
    if (!Files.isExecutable(extracted)) {
      try (InputStream binary = FaultBenchmark.class.getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
        if (binary == null) {
          throw new IOException("no redis-server on PATH and none in the benchmark jar");
        }
        Path temporary = Files.createTempFile("redis-server", ".tmp");
        Files.copy(binary, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(temporary, extracted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return extracted;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
