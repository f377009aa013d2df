package dev.cacheinvalidation.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigLoader;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload builds the strategies it switches to from the configuration it read, not the one it replaces. */
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
}
