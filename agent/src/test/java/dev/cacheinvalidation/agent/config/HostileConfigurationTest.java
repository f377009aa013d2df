package dev.cacheinvalidation.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration values an operator should never write, and an attacker might: each is refused with one short,
 * single-line message naming the key, and the key keeps its default. Nothing throws.
 */
class HostileConfigurationTest {
  private static final String MEGABYTE = "9".repeat(1 << 20);

  private static AgentConfig load(Map<String, String> properties, List<String> warnings) {
    return ConfigLoader.builder().systemProperties(properties).warnings(warnings::add).build();
  }

  private static void assertRefused(String key, String value, ConfigKey<?> expectedKey) {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = load(Map.of("invalidation." + key, value), warnings);
    assertEquals(expectedKey.parse(expectedKey.defaultText()), config.get(expectedKey), key + "=" + value);
    assertEquals(1, warnings.size(), warnings.toString());
    String warning = warnings.get(0);
    assertTrue(warning.startsWith(expectedKey.propertyName() + ": value '"), warning);
    assertTrue(warning.contains("expected " + expectedKey.accepted()), warning);
    assertTrue(warning.contains("using the default"), warning);
    assertSingleShortLine(warning);
  }

  private static void assertSingleShortLine(String warning) {
    assertFalse(warning.contains("\n") || warning.contains("\r"), warning);
    assertTrue(warning.chars().noneMatch(Character::isISOControl), warning);
    assertTrue(warning.length() < 600, "warning of " + warning.length() + " characters");
  }

  @Test
  void hugeNegativeAndOverflowingNumbers() {
    for (String value : List.of("99999999999999999999", "2147483648", "-1", "-2147483649", "1e3", "0x10", "5.0",
        "", " ", "NaN", "∞")) {
      assertRefused("await-ms", value, ConfigKeys.AWAIT_MS);
      assertRefused("redis.scan-count", value, ConfigKeys.REDIS_SCAN_COUNT);
      assertRefused("jmx.delay-ms", value, ConfigKeys.JMX_DELAY_MS);
      assertRefused("sql.cache-size", value, ConfigKeys.SQL_CACHE_SIZE);
    }
    assertRefused("redis.scan-count", "0", ConfigKeys.REDIS_SCAN_COUNT);
    assertRefused("await-ms", "60001", ConfigKeys.AWAIT_MS);
  }

  @Test
  void controlCharactersCannotForgeLogLines() {
    assertRefused("strategy", "caffeine\n[cache-invalidation] INFO forged line", ConfigKeys.STRATEGY);
    assertRefused("enabled", "true\r\nfalse", ConfigKeys.ENABLED);
    assertRefused("log.level", "de\u0000bug", ConfigKeys.LOG_LEVEL);
    assertRefused("durable.dir", "/tmp/journal\u0000/x", ConfigKeys.DURABLE_DIR);
    assertRefused("sources", "jdbc,\u001b[31mjpa", ConfigKeys.SOURCES);
    List<String> warnings = new ArrayList<>();
    load(Map.of("invalidation.strat\negy", "log"), warnings);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("strat\\negy"), warnings.get(0));
    assertSingleShortLine(warnings.get(0));
  }

  @Test
  void aOneMegabyteValueIsRefusedWithAShortMessage() {
    assertRefused("await-ms", MEGABYTE, ConfigKeys.AWAIT_MS);
    assertRefused("strategy", MEGABYTE, ConfigKeys.STRATEGY);
    assertRefused("redis.uri", "redis://" + MEGABYTE + "\n", ConfigKeys.REDIS_URI);
    List<String> warnings = new ArrayList<>();
    load(Map.of("invalidation.await-ms", MEGABYTE), warnings);
    assertTrue(warnings.get(0).contains("(1048576 characters)"), warnings.get(0));
  }

  @Test
  void aOneMegabyteUnknownKeyIsReportedShortWithASuggestion() {
    List<String> warnings = new ArrayList<>();
    load(Map.of("invalidation.await-ms" + MEGABYTE, "1"), warnings);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("unknown key invalidation.await-ms9"), warnings.get(0));
    assertTrue(warnings.get(0).contains("did you mean invalidation."), warnings.get(0));
    assertSingleShortLine(warnings.get(0));
  }

  @Test
  void unknownKeysAndEnvironmentVariablesAreIgnoredWithAMessage() {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = ConfigLoader.builder().warnings(warnings::add)
        .systemProperties(Map.of("invalidation.nonsense", "1", "invalidation.rules.", "x:*"))
        .environment(Map.of("INVALIDATION_\u0007BELL", "1"))
        .agentArguments("no-equals-sign,await-ms=7").build();
    assertEquals(7, config.get(ConfigKeys.AWAIT_MS));
    assertEquals(4, warnings.size(), warnings.toString());
    warnings.forEach(HostileConfigurationTest::assertSingleShortLine);
  }

  @Test
  void garbageForEveryKeyNeverThrowsAndKeepsEveryDefaultItRefuses() {
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      for (String value : List.of("\u0000\u0001garbage\n", MEGABYTE, "-99999999999999999999", "{name}*[\\")) {
        List<String> warnings = new ArrayList<>();
        AgentConfig config = load(Map.of(key.propertyName(), value), warnings);
        if (!warnings.isEmpty()) {
          assertEquals(key.parse(key.defaultText()), config.get(key), key.propertyName());
          assertTrue(warnings.get(0).startsWith(key.propertyName()), warnings.get(0));
          assertSingleShortLine(warnings.get(0));
        }
      }
    }
  }

  @Test
  void displayTextEscapesAndCuts() {
    assertEquals("a\\nb\\u0000c\\u202e", DisplayText.of("a\nb\u0000c\u202e"));
    assertEquals("x".repeat(DisplayText.MAX_SHOWN) + "... (200 characters)", DisplayText.of("x".repeat(200)));
  }
}
