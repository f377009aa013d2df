package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Caffeine broadcast between two application JVMs sharing one redis-server: a commit in one removes the
 * entry from the other's Caffeine cache (latency over {@link #WRITES} writes reported as p50/p99, only loosely
 * bounded here: timing belongs to benchmarks), an instance ignores its own echo, and an instance whose
 * subscription was lost clears its local caches when it reconnects.
 */
class CaffeineBroadcastIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int WRITES = Integer.getInteger("it.broadcast.writes", 1_000);

  @Test
  void commitsInOneInstanceInvalidateTheOther() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ForkedProcess writer = instance(redis, "debug");
        ForkedProcess reader = instance(redis, "info")) {
      writer.awaitReported("ready", TIMEOUT);
      reader.awaitReported("ready", TIMEOUT);
      reader.awaitStderr("caffeine broadcast: subscribed to channel", TIMEOUT);
      writer.awaitStderr("caffeine broadcast: subscribed to channel", TIMEOUT);
      Steps writes = new Steps(writer);
      Steps reads = new Steps(reader);

      long[] latencies = new long[WRITES];
      for (int i = 0; i < WRITES; i++) {
        reads.run("watch post:1");
        long before = Long.parseLong(writes.run("update"));
        long removedAt = Long.parseLong(reads.run("gone"));
        assertTrue(removedAt > 0, "write " + i + " was not applied by the other instance within 5 s");
        latencies[i] = Math.max(0, removedAt - before);
      }
      Arrays.sort(latencies);
      System.out.printf("caffeine broadcast over %d writes: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", WRITES,
          latencies[WRITES / 2] / 1e6, latencies[WRITES * 99 / 100] / 1e6, latencies[WRITES - 1] / 1e6);

      // Echo: the writer's own broadcasts reached its subscriber and were ignored.
      writer.awaitStderr("ignored this instance's own echo", TIMEOUT);
      assertEquals("[]", reads.run("probe"));

      // A lost subscription: entries cached while disconnected are cleared when the subscriber is back.
      redis.kill();
      reads.run("put post:2");
      reads.run("put other:1");
      assertEquals("[other:1, post:2]", reads.run("probe"));
      redis.restart();
      reader.awaitStderr("subscribed again to", TIMEOUT);
      assertEquals("[]", reads.run("probe"), reader::describe);
    }
  }

  private static ForkedProcess instance(RedisServer redis, String logLevel) throws Exception {
    return ForkedJvm.scenario(BroadcastScenario.class).testbed("jdbc")
        .agentArgs("strategy=caffeine,caffeine.broadcast=true,redis.uri=" + redis.uri()
            + ",rules.Post=post:*,jmx.enabled=false,log.level=" + logLevel)
        .start();
  }

  /** Numbered commands to one scenario JVM. */
  private static final class Steps {
    private final ForkedProcess process;
    private int step;

    Steps(ForkedProcess process) {
      this.process = process;
    }

    String run(String command) throws Exception {
      process.send(command);
      return process.awaitReported("step" + ++step, TIMEOUT);
    }
  }
}
