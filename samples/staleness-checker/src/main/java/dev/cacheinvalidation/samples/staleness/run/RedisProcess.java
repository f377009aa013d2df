package dev.cacheinvalidation.samples.staleness.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server the checker owns on a fixed loopback port, so it can be killed and started again at the same
 * address, or frozen with SIGSTOP and thawed with SIGCONT. Uses {@code redis-server} from {@code PATH}, else
 * the Linux binary inside the {@code embedded-redis} artifact. Nothing is persisted. Not thread-safe.
 */
final class RedisProcess implements AutoCloseable {
  private final int port;
  private Process process;

  private RedisProcess(int port) {
    this.port = port;
  }

  static RedisProcess start() throws IOException, InterruptedException {
    RedisProcess redis = new RedisProcess(freePort());
    redis.launch();
    return redis;
  }

  String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** SIGKILL, then a fresh empty server on the same port. */
  void restart() throws IOException, InterruptedException {
    process.destroyForcibly().waitFor();
    launch();
  }

  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  private void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(List.of(binary().toString(), "--port", String.valueOf(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
    Path extracted = Path.of(System.getProperty("java.io.tmpdir"), "staleness-checker-redis-server");
    if (!Files.isExecutable(extracted)) {
      try (InputStream in = RedisProcess.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no redis-server on PATH and no " + resource + " on the class path");
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
    if (process.isAlive()) {
      try {
        resume(); // a paused server ignores SIGTERM until it runs again
      } catch (IOException | InterruptedException ignored) {
        // it is killed below either way
      }
      process.destroyForcibly();
    }
  }
}
