package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.jmx.AgentMXBean;
import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.it.harness.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code versioning} end to end: an H2 application with the agent bumps a name's version once per unit of work
 * (a transaction writing a table 50 times: +1), exposes the versions over JMX, and a cache-aside reader that
 * puts the version in its keys never serves a value older than the last commit.
 */
class VersioningIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void oneIncrementPerUnitOfWorkAndNoStaleRead() throws Exception {
    try (RedisServer redis = RedisServer.start(); RespClient client = RespClient.to(redis.port());
        // await-ms is generous: "read right after commit() returns" relies on the commit waiting for the INCR,
      // which the default 100 ms does not guarantee on a loaded machine (that bound is await-ms's contract).
      ForkedProcess app = ForkedJvm.scenario(JdbcCommandsScenario.class).testbed("jdbc")
            .agentArgs("strategy=versioning,redis.uri=" + redis.uri()
                + ",jmx.delay-ms=0,await-ms=10000,rules.Author=author:*")
            .start()) {
      app.awaitReported("ready", TIMEOUT);
      AgentMXBean agent = app.mxBean(AgentMXBean.OBJECT_NAME, AgentMXBean.class, TIMEOUT);
      // The scenario's CREATE TABLE and INSERT bumped versions too; let those land first.
      awaitNothingPending(agent);
      long before = version(client, "post");

      RedisPatternIT.step(app, 1, "tx post 50");
      assertEquals(before + 1, version(client, "post"), app::describe);
      RedisPatternIT.step(app, 2, "rollback post");
      assertEquals(before + 1, version(client, "post"));
      assertEquals(before + 1, agent.getVersions().get("post"));
      // Configured names are known (and read as 0) before they are ever written.
      assertEquals(0L, agent.getVersions().get("author"));

      RedisPatternIT.step(app, 3, "cacheaside " + redis.port() + " 200");
      assertEquals("stale 0", app.reported("step3"), app::describe);
      assertEquals(before + 1 + 200, version(client, "post"));
      app.send("exit");
      app.awaitSuccess(TIMEOUT);
    }
  }

  static void awaitNothingPending(AgentMXBean agent) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (agent.getPendingInvalidations() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("invalidations still pending: " + agent.getPendingInvalidations());
      }
      Thread.sleep(20);
    }
  }

  private static long version(RespClient client, String name) throws Exception {
    Object value = client.call("GET", name + ":version");
    return value == null ? 0 : Long.parseLong((String) value);
  }
}
