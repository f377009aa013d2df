package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.it.harness.RespClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code redis-pattern} end to end on a standalone redis-server: an application writing through plain JDBC (H2)
 * with the agent removes exactly the keys of the written table's rule after commit, and nothing on rollback.
 */
class RedisPatternIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int KEYS_PER_TABLE = 500;

  @Test
  void commitDeletesMatchingKeysAndRollbackDeletesNothing() throws Exception {
    try (RedisServer redis = RedisServer.start(); RespClient client = RespClient.to(redis.port())) {
      try (ForkedProcess app = ForkedJvm.scenario(JdbcCommandsScenario.class).testbed("jdbc")
          .agentArgs("strategy=redis-pattern,log,redis.uri=" + redis.uri() + ",jmx.enabled=false,await-ms=5000")
          .start()) {
        // Seeded after start-up: the scenario's CREATE TABLE statements invalidate their tables too.
        app.awaitReported("ready", TIMEOUT);
        seed(client, "category", "post", "tag");
        client.call("SET", "category", "not matched by category:*");
        int linesBefore = app.stderrLines().size();

        step(app, 1, "rollback category");
        step(app, 2, "update post");
        awaitCount(client, "post:*", 0);
        // The rollback issued nothing: only the post invalidation was logged, and category is intact.
        assertEquals(List.of(), app.stderrLines().stream().skip(linesBefore)
            .filter(line -> line.contains("names=[category]")).toList(), app::describe);
        assertEquals(KEYS_PER_TABLE, Keyspace.count(client, "category:*"));

        step(app, 3, "update category");
        // await-ms=5000: the commit returned after the remote delete finished (well within the wait).
        assertEquals(0, Keyspace.count(client, "category:*"), app::describe);
        assertEquals(KEYS_PER_TABLE, Keyspace.count(client, "tag:*"));
        assertEquals("not matched by category:*", client.call("GET", "category"));
        app.send("exit");
        app.awaitSuccess(TIMEOUT);
      }
    }
  }

  /** Sends the scenario its {@code step}th command and waits until the application has run it. */
  static void step(ForkedProcess app, int step, String command) throws Exception {
    app.send(command);
    app.awaitReported("step" + step, TIMEOUT);
  }

  static void seed(RespClient client, String... prefixes) throws Exception {
    List<String[]> commands = new ArrayList<>();
    for (String prefix : prefixes) {
      for (int i = 0; i < KEYS_PER_TABLE; i++) {
        commands.add(new String[] {"SET", prefix + ":" + i, "value"});
      }
    }
    client.pipeline(commands);
  }

  private static void awaitCount(RespClient client, String pattern, long expected) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (Keyspace.count(client, pattern) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(pattern + ": " + Keyspace.count(client, pattern) + " keys, expected " + expected);
      }
      Thread.sleep(20);
    }
  }
}
