package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java -jar cache-invalidation-agent.jar attach|status|set} against a running JVM. */
class AttachIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static ForkedProcess cli(Path jdk, String... args) throws Exception {
    return ForkedJvm.mainClass("dev.cacheinvalidation.agent.cli.AgentCli").withoutAgent().jdk(jdk)
        .classPath(ForkedJvm.agentJar()).args(args).start();
  }

  @ParameterizedTest
  @MethodSource("dev.cacheinvalidation.it.harness.Jdks#all")
  void attachThenStatusThenSet(Path jdk) throws Exception {
    try (ForkedProcess app = ForkedJvm.scenario(CacheScenario.class).testbed("jdbc").jdk(jdk).withoutAgent()
        .start()) {
      app.awaitReported("ready", TIMEOUT);
      app.send("fill");
      app.awaitReported("filled", TIMEOUT);
      String pid = String.valueOf(app.pid());

      try (ForkedProcess attach = cli(jdk, "attach", pid, "strategy=caffeine,log")) {
        assertEquals(0, attach.awaitExit(TIMEOUT), attach.describe());
        assertTrue(attach.stdoutText().contains("attached cache-invalidation-agent"), attach.describe());
        if (Jdks.featureVersion(jdk) >= 21) {
          assertTrue(attach.stdoutText().contains("-XX:+EnableDynamicAgentLoading"), attach.describe());
        }
      }
      app.awaitStderr("started (attached)", TIMEOUT);
      // Caffeine's builder was loaded before the attach: only retransformation lets the agent see this cache.
      app.send("rebuild");
      app.awaitReported("rebuilt", TIMEOUT);

      try (ForkedProcess status = cli(jdk, "status", pid)) {
        assertEquals(0, status.awaitExit(TIMEOUT), status.describe());
        String text = status.stdoutText();
        assertTrue(text.contains("Strategy = caffeine,log"), text);
        assertTrue(text.contains("WritesDetected = 0"), text);
        assertTrue(text.contains("CaffeineCaches = 1"), "the cache built after attach is found: " + text);
      }

      try (ForkedProcess set = cli(jdk, "set", pid, "Strategy", "log")) {
        assertEquals(0, set.awaitExit(TIMEOUT), set.describe());
        assertEquals("Strategy = log", set.stdoutText());
      }
      try (ForkedProcess set = cli(jdk, "set", pid, "Strategy", "caffeine")) {
        assertEquals(0, set.awaitExit(TIMEOUT), set.describe());
      }
      app.mxBean(dev.cacheinvalidation.agent.jmx.AgentMXBean.OBJECT_NAME,
          dev.cacheinvalidation.agent.jmx.AgentMXBean.class, TIMEOUT).invalidate("Category");
      app.send("probe");
      assertEquals("[post:1]", app.awaitReported("keys", TIMEOUT));
      try (ForkedProcess refused = cli(jdk, "set", pid, "Strategy", "nonsense")) {
        assertEquals(1, refused.awaitExit(TIMEOUT), refused.describe());
        assertTrue(refused.stderrText().contains("invalidation.strategy: value 'nonsense'"), refused.describe());
      }
      try (ForkedProcess again = cli(jdk, "attach", pid)) {
        assertEquals(1, again.awaitExit(TIMEOUT), again.describe());
        assertTrue(again.stderrText().contains("already attached"), again.describe());
      }
      app.send("exit");
      app.awaitSuccess(TIMEOUT);
    }
    try (ForkedProcess unknown = cli(jdk, "status", "999999999")) {
      assertEquals(1, unknown.awaitExit(TIMEOUT), unknown.describe());
      assertTrue(unknown.stderrText().contains("cannot attach to JVM 999999999"), unknown.describe());
    }
  }
}
