package dev.cacheinvalidation.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.jmx.AgentMXBean;
import dev.cacheinvalidation.it.foundation.CacheScenario;
import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.it.harness.RespClient;
import dev.cacheinvalidation.it.redis.JdbcCommandsScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis-pattern} through Redis faults, with real redis-server processes (append-only file on, so the
 * keys survive a crash and a restart, as a production Redis would keep them) and an application JVM writing
 * through JDBC on H2:
 * <ul>
 *   <li>Redis killed while the application keeps committing, then restarted on the same port: every key of the
 *       written tables is gone within 5 s of the restart; no writer saw an exception; no commit waited much
 *       beyond await-ms.
 *   <li>With {@code invalidation.durable.dir}: the application is killed ({@code kill -9}) while Redis is down;
 *       Redis is restarted; a new JVM on the same directory replays the journal at start and the keys go.
 * </ul>
 */
class RedisFaultIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int AWAIT_MS = 200;
  private static final int KEYS = 500;

  @TempDir Path dir;

  private String[] persistent() throws Exception {
    Path data = Files.createDirectories(dir.resolve("redis-data"));
    return new String[] {"--appendonly", "yes", "--appendfsync", "always", "--dir", data.toString()};
  }

  @Test
  void redisKilledAndRestartedWhileTheApplicationWrites() throws Exception {
    RedisServer redis = RedisServer.start(persistent());
    int port = redis.port();
    try (ForkedProcess app = ForkedJvm.scenario(ContinuousWritersScenario.class).testbed("jdbc")
        .agentArgs("strategy=redis-pattern,redis.uri=" + redis.uri() + ",await-ms=" + AWAIT_MS
            + ",jmx.delay-ms=0")
        .args("category", "post").start()) {
      app.awaitReported("ready", TIMEOUT);
      app.send("start");
      app.awaitReported("started", TIMEOUT);
      try (RespClient client = RespClient.to(port)) {
        seed(client, "category", "post", "tag");
        awaitCount(client, "category:*", 0, TIMEOUT); // the writers' invalidations work while Redis is up
        app.send("pause");
        app.awaitReported("paused", TIMEOUT);
        awaitNothingPending(app);
        seedUntilStable(client, "category", "post");
      }
      redis.kill();
      app.send("resume");
      app.awaitReported("resumed", TIMEOUT);
      long before = awaitCommitsAfter(app, -1);
      Thread.sleep(1_500);
      long during = awaitCommitsAfter(app, before + 50);

      redis.restart();
      long restarted = System.nanoTime();
      long goneMillis;
      try (RespClient client = RespClient.to(port)) {
        awaitCount(client, "category:*", 0, Duration.ofSeconds(10));
        awaitCount(client, "post:*", 0, Duration.ofSeconds(10));
        goneMillis = (System.nanoTime() - restarted) / 1_000_000;
        assertTrue(goneMillis < 5_000, "keys gone " + goneMillis + " ms after the restart\n" + app.describe());
        assertEquals(KEYS, count(client, "tag:*"), "an unrelated key was touched");
      }
      app.send("stop");
      long maxCommitMillis = Long.parseLong(app.awaitReported("maxCommitMillis", TIMEOUT));
      assertEquals("0", app.reported("errors"), app::describe);
      assertTrue(during > before, app::describe);
      // A hang would show as redis.timeout-ms (5 s); the bound leaves room for a loaded 2-core machine.
      assertTrue(maxCommitMillis < AWAIT_MS + 1_500, "a commit took " + maxCommitMillis + " ms\n" + app.describe());
      System.out.println("RedisFaultIT: keys gone within " + goneMillis + " ms of the restart; " + app.reported("commits")
          + " commits, the slowest " + maxCommitMillis + " ms (await-ms " + AWAIT_MS + ")");
      app.awaitSuccess(TIMEOUT);
      // The outage is reported by the agent's own log only: the bundled slf4j, reactor, netty and lettuce must
      // not print provider warnings or per-attempt reconnect messages on the application's stderr.
      for (String line : app.stderrLines()) {
        assertTrue(line.startsWith("[cache-invalidation]") || line.startsWith("\t") || line.isBlank(),
            () -> "a foreign line on the application's stderr: " + line + "\n" + app.describe());
      }
    } finally {
      redis.close();
    }
  }

  @Test
  void journalOfAJvmKilledWhileRedisWasDownIsReplayedByTheNextJvm() throws Exception {
    String[] persistent = persistent();
    Path journal = dir.resolve("journal");
    RedisServer redis = RedisServer.start(persistent);
    int port = redis.port();
    String agentArgs = "strategy=redis-pattern,redis.uri=" + redis.uri() + ",await-ms=" + AWAIT_MS
        + ",jmx.delay-ms=0,durable.dir=" + journal;
    try {
      try (ForkedProcess app = ForkedJvm.scenario(JdbcCommandsScenario.class).testbed("jdbc").agentArgs(agentArgs)
          .start()) {
        app.awaitReported("ready", TIMEOUT);
        awaitNothingPending(app); // the scenario's CREATE TABLE statements invalidated their tables
        try (RespClient client = RespClient.to(port)) {
          seedUntilStable(client, "category", "post", "tag");
        }
        redis.kill();
        app.send("update category");
        app.awaitReported("step1", TIMEOUT);
        app.send("tx post 3");
        app.awaitReported("step2", TIMEOUT);
        assertTrue(journalBytes(journal) > 0, "nothing journaled\n" + app.describe());
        // try-with-resources ends the application with Process.destroyForcibly: kill -9, no shutdown hook.
      }

      redis.restart();
      try (RespClient client = RespClient.to(port)) {
        assertEquals(KEYS, count(client, "category:*"), "the killed JVM delivered nothing");
        assertEquals(KEYS, count(client, "post:*"));
        try (ForkedProcess next = ForkedJvm.scenario(CacheScenario.class).testbed("jdbc").agentArgs(agentArgs)
            .start()) {
          next.awaitReported("ready", TIMEOUT);
          next.awaitStderr("replaying", TIMEOUT);
          awaitCount(client, "category:*", 0, TIMEOUT);
          awaitCount(client, "post:*", 0, TIMEOUT);
          assertEquals(KEYS, count(client, "tag:*"), () -> "an unrelated key was touched\n" + next.describe());
          long deadline = System.nanoTime() + TIMEOUT.toNanos();
          while (journalBytes(journal) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          assertEquals(0, journalBytes(journal), "delivered invalidations stay journaled\n" + next.describe());
          next.send("exit");
          next.awaitSuccess(TIMEOUT);
        }
      }
    } finally {
      redis.close();
    }
  }

  /** Waits until the agent has delivered everything (the first connection to Redis can take a second). */
  private static void awaitNothingPending(ForkedProcess app) throws Exception {
    AgentMXBean agent = app.mxBean(AgentMXBean.OBJECT_NAME, AgentMXBean.class, TIMEOUT);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (agent.getPendingInvalidations() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("invalidations still pending: " + agent.getStrategyMetrics() + "\n"
            + app.describe());
      }
      Thread.sleep(20);
    }
  }

  private static long journalBytes(Path journal) throws Exception {
    if (!Files.isDirectory(journal)) {
      return 0;
    }
    long bytes = 0;
    try (Stream<Path> files = Files.list(journal)) {
      for (Path file : files.filter(file -> file.toString().endsWith(".journal")).toList()) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }

  private static long awaitCommitsAfter(ForkedProcess app, long atLeast) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      int marks = (int) app.stdoutLines().stream().filter(line -> line.startsWith("@@ marked=")).count();
      app.send("mark");
      while (app.stdoutLines().stream().filter(line -> line.startsWith("@@ marked=")).count() == marks) {
        Thread.sleep(5);
      }
      long commits = Long.parseLong(app.reported("marked"));
      if (commits > atLeast) {
        return commits;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the writers stopped at " + commits + " commits\n" + app.describe());
      }
      Thread.sleep(50);
    }
  }

  private static void seed(RespClient client, String... prefixes) throws Exception {
    List<String[]> commands = new ArrayList<>();
    for (String prefix : prefixes) {
      for (int i = 0; i < KEYS; i++) {
        commands.add(new String[] {"SET", prefix + ":" + i, "value"});
      }
    }
    client.pipeline(commands);
  }

  /** Seeds until no invalidation still under way removes any of the keys (the app is quiet). */
  private static void seedUntilStable(RespClient client, String... prefixes) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      seed(client, prefixes);
      Thread.sleep(300);
      boolean stable = true;
      for (String prefix : prefixes) {
        stable &= count(client, prefix + ":*") == KEYS;
      }
      if (stable) {
        return;
      }
    }
    throw new AssertionError("keys keep disappearing while the application is quiet");
  }

  private static long count(RespClient client, String pattern) throws Exception {
    long count = 0;
    String cursor = "0";
    do {
      @SuppressWarnings("unchecked")
      List<Object> reply = (List<Object>) client.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = (String) reply.get(0);
      count += ((List<?>) reply.get(1)).size();
    } while (!cursor.equals("0"));
    return count;
  }

  private static void awaitCount(RespClient client, String pattern, long expected, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(client, pattern) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(pattern + ": " + count(client, pattern) + " keys, expected " + expected);
      }
      Thread.sleep(20);
    }
  }
}
