package dev.cacheinvalidation.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private ConfigLoader loader(List<String> warnings) {
    return ConfigLoader.builder().workingDirectory(dir).warnings(warnings::add);
  }

  @Test
  void defaultsWhenNothingIsSet() {
    AgentConfig config = loader(new ArrayList<>()).build();
    assertEquals(List.of("caffeine"), config.get(ConfigKeys.STRATEGY));
    assertEquals(100, config.get(ConfigKeys.AWAIT_MS));
    assertEquals("{name}:*", config.get(ConfigKeys.DEFAULT_RULE));
    assertEquals("built-in defaults", config.origin());
  }

  @Test
  void precedenceIsArgumentsThenPropertiesThenEnvironmentThenFile() throws Exception {
    Files.writeString(dir.resolve("agent.properties"), "invalidation.await-ms=1\n");
    Map<String, String> env = Map.of("INVALIDATION_AWAIT_MS", "2");
    Map<String, String> props = Map.of("invalidation.await-ms", "3");
    List<String> warnings = new ArrayList<>();
    assertEquals(4, loader(warnings).environment(env).systemProperties(props).agentArguments("await-ms=4")
        .build().get(ConfigKeys.AWAIT_MS));
    assertEquals(3, loader(warnings).environment(env).systemProperties(props).build().get(ConfigKeys.AWAIT_MS));
    assertEquals(2, loader(warnings).environment(env).build().get(ConfigKeys.AWAIT_MS));
    assertEquals(1, loader(warnings).build().get(ConfigKeys.AWAIT_MS));
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void agentArgumentValuesMayBeCommaLists() {
    AgentConfig config = loader(new ArrayList<>()).agentArguments("strategy=caffeine,log,await-ms=7").build();
    assertEquals(List.of("caffeine", "log"), config.get(ConfigKeys.STRATEGY));
    assertEquals(7, config.get(ConfigKeys.AWAIT_MS));
  }

  @Test
  void badValueNamesKeyValueAndAcceptedAndFallsBackToDefault() {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = loader(warnings).agentArguments("await-ms=soon").build();
    assertEquals(100, config.get(ConfigKeys.AWAIT_MS));
    assertEquals(1, warnings.size());
    String warning = warnings.get(0);
    assertTrue(warning.contains("invalidation.await-ms"), warning);
    assertTrue(warning.contains("'soon'"), warning);
    assertTrue(warning.contains("a whole number of milliseconds from 0 to 60000"), warning);
  }

  @Test
  void unknownKeyNamesTheClosestKnownKey() {
    List<String> warnings = new ArrayList<>();
    loader(warnings).systemProperties(Map.of("invalidation.stratgey", "log")).build();
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("did you mean invalidation.strategy?"), warnings.get(0));
  }

  @Test
  void unknownStrategyIsRejectedWithTheAcceptedList() {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = loader(warnings).agentArguments("strategy=nonsense").build();
    assertEquals(List.of("caffeine"), config.get(ConfigKeys.STRATEGY));
    assertTrue(warnings.get(0).contains("[caffeine, redis-pattern, versioning, log]"), warnings.get(0));
  }

  @Test
  void redisPasswordNeverAppearsInWarningsOrDisplay() {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = loader(warnings).agentArguments("redis.uri=redis://user:hunter2@db:6379/0").build();
    assertFalse(config.display(ConfigKeys.REDIS_URI).contains("hunter2"));
    loader(warnings).agentArguments("redis.uri=http://user:hunter2@db").build();
    assertFalse(String.join("\n", warnings).contains("hunter2"), warnings.toString());
    assertTrue(String.join("\n", warnings).contains("invalidation.redis.uri"));
  }

  @Test
  void dynamicKeysFromEveryLayer() throws Exception {
    Files.writeString(dir.resolve("custom.properties"),
        "invalidation.rules.Category=category:*,categories::*\ninvalidation.tables.blog_category=Category\n");
    AgentConfig config = loader(new ArrayList<>())
        .environment(Map.of("INVALIDATION_MUTATIONS_PUBLISHPOST", "Post,Category"))
        .agentArguments("config=custom.properties").build();
    assertEquals(List.of("category:*", "categories::*"), config.rules().get("category"));
    assertEquals("Category", config.tables().get("blog_category"));
    assertEquals(List.of("Post", "Category"), config.mutations().get("publishpost"));
    assertTrue(config.origin().contains("custom.properties"), config.origin());
  }

  @Test
  void unreadableNamedFileIsReportedAndOtherSourcesStillApply() {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = loader(warnings).agentArguments("config=missing.properties,await-ms=5").build();
    assertEquals(5, config.get(ConfigKeys.AWAIT_MS));
    assertTrue(warnings.get(0).startsWith("invalidation.config: cannot read the configuration file"), warnings.get(0));
    assertTrue(warnings.get(0).contains("missing.properties"));
  }

  @Test
  void unknownEnvironmentVariableIsReported() {
    List<String> warnings = new ArrayList<>();
    loader(warnings).environment(Map.of("INVALIDATION_AWAIT_MSS", "1")).build();
    assertTrue(warnings.get(0).contains("INVALIDATION_AWAIT_MS"), warnings.get(0));
  }
}
