package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.jmx.AgentMXBean;
import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One key set in the file, the environment, a system property and the agent arguments resolves to the
 * agent-argument value; removing each source in turn reveals the next. Read back over JMX.
 */
class ConfigurationPrecedenceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  @TempDir Path dir;

  private String strategyWith(boolean file, boolean env, boolean property, boolean argument) throws Exception {
    ForkedJvm jvm = ForkedJvm.scenario(CacheScenario.class).testbed("jdbc").workingDirectory(dir);
    if (file) {
      Files.writeString(dir.resolve("agent.properties"), "invalidation.strategy=log\n");
    } else {
      Files.deleteIfExists(dir.resolve("agent.properties"));
    }
    if (env) {
      jvm.env("INVALIDATION_STRATEGY", "caffeine,log");
    }
    if (property) {
      jvm.systemProperty("invalidation.strategy", "log,caffeine");
    }
    if (argument) {
      jvm.agentArgs("strategy=caffeine");
    }
    try (ForkedProcess process = jvm.start()) {
      process.awaitReported("ready", TIMEOUT);
      String strategy = process.mxBean(AgentMXBean.OBJECT_NAME, AgentMXBean.class, TIMEOUT).getStrategy();
      process.send("exit");
      process.awaitSuccess(TIMEOUT);
      return strategy;
    }
  }

  @Test
  void highestSourceWinsAndEachRemovalRevealsTheNext() throws Exception {
    assertEquals("caffeine", strategyWith(true, true, true, true));
    assertEquals("log,caffeine", strategyWith(true, true, true, false));
    assertEquals("caffeine,log", strategyWith(true, true, false, false));
    assertEquals("log", strategyWith(true, false, false, false));
    assertEquals("caffeine", strategyWith(false, false, false, false));
  }
}
