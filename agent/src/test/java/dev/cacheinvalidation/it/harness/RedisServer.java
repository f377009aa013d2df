package dev.cacheinvalidation.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, owned by one test: the binary on {@code PATH}, else the
 * Linux binary shipped inside the {@code embedded-redis} artifact from Maven Central, so tests run on a fresh
 * machine with only a JDK and Maven. Nothing is persisted. Close it to stop the server.
 */
public final class RedisServer implements AutoCloseable {
  private final List<String> command;
  private final int port;
  private Process process;

  private RedisServer(List<String> command, int port) {
    this.command = command;
    this.port = port;
  }

  public static RedisServer start(String... extraArguments) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"));
    command.addAll(List.of(extraArguments));
    RedisServer server = new RedisServer(List.copyOf(command), port);
    server.launch();
    return server;
  }

  /** Kills the server (as a crash would: SIGKILL, no goodbye to clients). */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Starts the server again on the same port, empty (nothing is persisted). */
  public void restart() throws IOException, InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    awaitReady();
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write("PING\r\n".getBytes());
        if (socket.getInputStream().read() == '+') {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IOException("redis-server did not answer on port " + port);
  }

  private static Path binary() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String resource = "/redis-server-6.2.6-v5-linux-amd64";
    Path extracted = Path.of(System.getProperty("java.io.tmpdir"), "cache-invalidation-it-redis-server");
    if (!Files.isExecutable(extracted)) {
      try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no redis-server on PATH and no " + resource + " on the test class path");
        }
        Path temporary = Files.createTempFile("redis-server", ".tmp");
        Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
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

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
