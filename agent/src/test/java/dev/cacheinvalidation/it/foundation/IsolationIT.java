package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.jmx.AgentMXBean;
import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application carries its own lettuce 6.x, Caffeine 2.9.x, Jackson 2.15.x, slf4j 1.7.x and Byte Buddy 1.14
 * and uses them while the agent runs: no LinkageError, no shared state, and the agent still finds the
 * application's (older) Caffeine caches.
 */
class IsolationIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @ParameterizedTest
  @MethodSource("dev.cacheinvalidation.it.harness.Jdks#all")
  void applicationLibrariesAreNeverTheAgents(Path jdk) throws Exception {
    try (RedisServer redis = RedisServer.start();
        ForkedProcess process = ForkedJvm.scenario(IsolationScenario.class).testbed("isolation").jdk(jdk)
            .args(redis.uri()).agentArgs("jmx.delay-ms=0").start()) {
      process.awaitReported("ready", TIMEOUT);
      assertEquals("slf4j-api-1.7.36.jar", process.reported("slf4j"));
      assertEquals("org.slf4j.impl.SimpleLoggerFactory", process.reported("slf4jBinding"));
      assertTrue(process.stderrText().contains("application logging through its own slf4j"), process.stderrText());
      assertEquals("2.15.4 {\"name\":\"Books\"} Books", process.reported("jackson"));
      assertEquals("caffeine-2.9.3.jar", process.reported("caffeine"));
      assertTrue(process.reported("lettuce").startsWith("6.8.2"), process.reported("lettuce"));
      assertTrue(process.reported("lettuce").endsWith(" value"), process.reported("lettuce"));
      assertEquals("java.lang.Object byte-buddy-1.14.18.jar", process.reported("bytebuddy"));

      AgentMXBean agent = process.mxBean(AgentMXBean.OBJECT_NAME, AgentMXBean.class, TIMEOUT);
      assertEquals(1, agent.getCaffeineCaches(), "the application's Caffeine 2.9 cache is discovered");
      agent.invalidate("Category");
      process.send("probe");
      assertEquals("[post:1]", process.awaitReported("keys", TIMEOUT));
      process.send("exit");
      process.awaitSuccess(TIMEOUT);
      String output = process.stdoutText() + process.stderrText();
      assertFalse(output.contains("LinkageError") || output.contains("NoSuchMethodError")
          || output.contains("NoClassDefFoundError"), output);
    }
  }
}
