package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.jmx.AgentMXBean;
import dev.cacheinvalidation.agent.jmx.StrategyMetrics;
import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The MXBean's operations and writable attributes, against a real application cache. */
class JmxControlIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParameterizedTest
  @MethodSource("dev.cacheinvalidation.it.harness.Jdks#all")
  void operationsCountersAndStrategySwitching(Path jdk) throws Exception {
    try (ForkedProcess process = ForkedJvm.scenario(CacheScenario.class).testbed("jdbc").jdk(jdk)
        .agentArgs("rules.Post=post:*,jmx.delay-ms=0").start()) {
      process.awaitReported("ready", TIMEOUT);
      AgentMXBean agent = process.mxBean(AgentMXBean.OBJECT_NAME, AgentMXBean.class, TIMEOUT);
      assertEquals("caffeine", agent.getStrategy());
      assertEquals("jpa,jdbc,graphql", agent.getSources());
      assertTrue(agent.isEnabled());
      fill(process);
      assertEquals(1, agent.getCaffeineCaches());

      // Strategy log: the next invalidation is printed and removes nothing.
      agent.setStrategy("log");
      agent.invalidate("Category");
      process.awaitStderr("names=[Category] patterns=[category:*]", TIMEOUT);
      assertEquals("[category:1, category:2, post:1]", probe(process));
      assertEquals(1, agent.getInvalidationsIssued());
      assertEquals(1L, agent.getInvalidationsByStrategy().get("log"));

      // Back to caffeine: the next invalidation removes exactly the matching entries.
      agent.setStrategy("caffeine");
      agent.invalidate("category");
      assertEquals("[post:1]", probe(process));
      assertEquals(2, agent.getInvalidationsIssued());
      assertEquals(2L, agent.getKeysRemovedByStrategy().get("caffeine"));
      StrategyMetrics caffeine = agent.getStrategyMetrics().get("caffeine");
      assertEquals(1, caffeine.getInvalidations());
      assertEquals(2, caffeine.getKeysRemoved());
      assertEquals(0, caffeine.getPending());
      assertTrue(caffeine.getLatencyP99Millis() >= caffeine.getLatencyP50Millis() && caffeine.getLatencyP50Millis() > 0);
      assertEquals(0L, agent.getPendingByStrategy().getOrDefault("caffeine", 0L));
      assertEquals(0L, agent.getReplayedByStrategy().getOrDefault("caffeine", 0L));

      // A nonsense value is refused with a message and changes nothing.
      Exception refused = assertThrows(Exception.class, () -> agent.setStrategy("nonsense"));
      assertTrue(String.valueOf(rootMessage(refused)).contains("invalidation.strategy: value 'nonsense'"),
          String.valueOf(rootMessage(refused)));
      assertEquals("caffeine", agent.getStrategy());
      assertThrows(Exception.class, () -> agent.setSources("jdbc,mongo"));
      assertEquals("jpa,jdbc,graphql", agent.getSources());
      agent.setSources("jdbc");
      assertEquals("jdbc", agent.getSources());

      agent.invalidatePattern("post:*");
      assertEquals("[]", probe(process));
      fill(process);
      agent.invalidateAll();
      assertEquals("[]", probe(process), process::describe);
      assertEquals(4, agent.getInvalidationsIssued());

      agent.setEnabled(false);
      fill(process);
      agent.invalidate("Category");
      assertEquals("[category:1, category:2, post:1]", probe(process));
      agent.setEnabled(true);

      agent.resetStatistics();
      assertEquals(0, agent.getInvalidationsIssued());
      assertEquals(0, agent.getInvalidationFailures());
      assertEquals("", agent.getLastError());
      assertEquals(0, agent.getPendingInvalidations());

      agent.reloadConfiguration();
      assertEquals("caffeine", agent.getStrategy());
      assertEquals("jpa,jdbc,graphql", agent.getSources());
      process.send("exit");
      process.awaitSuccess(TIMEOUT);
    }
  }

  private static String probe(ForkedProcess process) throws Exception {
    return command(process, "probe", "@@ keys=");
  }

  /**
   * Fills the cache and waits for this fill's answer: awaitReported would return the first fill's line at once,
   * and the next operation could then race the scenario's puts.
   */
  private static String fill(ForkedProcess process) throws Exception {
    return command(process, "fill", "@@ filled=");
  }

  private static String command(ForkedProcess process, String command, String answer) throws Exception {
    int before = (int) process.stdoutLines().stream().filter(line -> line.startsWith(answer)).count();
    process.send(command);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      var lines = process.stdoutLines().stream().filter(line -> line.startsWith(answer)).toList();
      if (lines.size() > before) {
        return lines.get(lines.size() - 1).substring(answer.length());
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no answer to " + command + "\n" + process.describe());
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
