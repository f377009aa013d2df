package dev.cacheinvalidation.samples.blog.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

  @Test
  void readsTheAgentsArgumentsWithTheirContinuationRule() {
    Map<String, String> arguments = CacheSettings.agentArguments(List.of("-Xmx1g",
        "-javaagent:/x/cache-invalidation-agent.jar=strategy=versioning,log,redis.uri=redis://h:1/2"
            + ",config=a.properties",
        "-javaagent:/y/other-agent.jar=strategy=caffeine"));
    assertEquals(Map.of("invalidation.strategy", "versioning,log", "invalidation.redis.uri", "redis://h:1/2",
        "config", "a.properties"), arguments);
  }

  @Test
  void anAgentWithoutArgumentsOrNoAgentGivesNone() {
    assertEquals(Map.of(), CacheSettings.agentArguments(List.of("-javaagent:/x/cache-invalidation-agent.jar")));
    assertEquals(Map.of(), CacheSettings.agentArguments(List.of()));
  }

  @Test
  void theStrategyChoosesTheCache() {
    assertFalse(new CacheSettings(List.of("caffeine", "log"), "redis://h", "{name}:version").redis());
    CacheSettings pattern = new CacheSettings(List.of("redis-pattern"), "redis://h", "{name}:version");
    assertTrue(pattern.redis());
    assertFalse(pattern.versioned());
    assertTrue(new CacheSettings(List.of("caffeine", "versioning"), "redis://h", "{name}:version").versioned());
  }

  @Test
  void aRedisAddressIsDescribedWithoutItsPassword() {
    assertEquals("redis://cache.example:6380/1", RedisConnection.describe("redis://:secret@cache.example:6380/1"));
    assertEquals("rediss://cache.example:6379", RedisConnection.describe("rediss://user:pw@cache.example"));
  }
}
