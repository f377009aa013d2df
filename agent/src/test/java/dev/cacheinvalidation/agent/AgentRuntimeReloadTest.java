package dev.cacheinvalidation.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigLoader;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reload builds the strategies it switches to from the configuration it read, not the one it replaces, and
 * says which changed keys a strategy created earlier keeps.
 */
class AgentRuntimeReloadTest {
  private static AgentConfig config(Map<String, String> values) {
    return ConfigLoader.builder().systemProperties(values).build();
  }

  @Test
  void strategiesSwitchedToByAReloadAreBuiltFromTheReloadedConfiguration() {
    AgentConfig reloaded = config(Map.of("invalidation.strategy", "log,caffeine",
        "invalidation.caffeine.broadcast", "true", "invalidation.jmx.enabled", "false"));
    AgentRuntime runtime = new AgentRuntime(config(Map.of("invalidation.strategy", "log")), () -> reloaded);
    try {
      runtime.reload();

      assertEquals(List.of("log", "caffeine", "caffeine-broadcast"),
          runtime.pipeline().settings().strategies().stream().map(InvalidationStrategy::name).toList());
      assertEquals(reloaded, runtime.config());
    } finally {
      runtime.shutdown();
    }
  }

  @Test
  void aReloadNamesTheKeyACreatedStrategyKeepsWithoutItsValue() {
    AgentConfig started = config(Map.of("invalidation.strategy", "redis-pattern",
        "invalidation.redis.uri", "redis://127.0.0.1:1/0", "invalidation.jmx.enabled", "false"));
    AgentConfig reloaded = config(Map.of("invalidation.strategy", "redis-pattern",
        "invalidation.redis.uri", "redis://:secret@127.0.0.1:2/0", "invalidation.jmx.enabled", "false"));
    AgentRuntime runtime = new AgentRuntime(started, () -> reloaded);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      runtime.reload();
    } finally {
      System.setErr(err);
      runtime.shutdown();
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("invalidation.redis.uri: the reloaded value applies from the next start of the JVM"),
        log);
    assertFalse(log.contains("secret"), log);
  }
}
