package dev.cacheinvalidation.agent.config;

import dev.cacheinvalidation.agent.logging.LogLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every configuration key the agent knows. The repository's {@code agent.properties} documents each one; a
 * test keeps the two in step.
 *
 * <p>Keys with a dynamic part ({@code rules.<Name>}, {@code tables.<table>}, {@code mutations.<field>}) are
 * listed as {@link #DYNAMIC_PREFIXES}. Thread-safe: everything here is immutable.
 */
public final class ConfigKeys {
  /** The prefix every key carries in files, system properties and (upper-cased) environment variables. */
  public static final String PREFIX = "invalidation.";

  private static final Map<String, ConfigKey<?>> KEYS = new LinkedHashMap<>();

  /** Source names {@code invalidation.sources} accepts. */
  public static final Set<String> SOURCE_NAMES = Set.of("jpa", "jdbc", "graphql");
  /** Strategy names {@code invalidation.strategy} accepts. */
  public static final Set<String> STRATEGY_NAMES = orderedSet("caffeine", "redis-pattern", "versioning", "log");

  public static final ConfigKey<Boolean> ENABLED = add("enabled", "true", ConfigKeys::bool, "true or false");
  public static final ConfigKey<Set<String>> SOURCES =
      add("sources", "jpa,jdbc,graphql", text -> choices(text, SOURCE_NAMES, true), "a comma list of " + SOURCE_NAMES);
  public static final ConfigKey<List<String>> STRATEGY = add("strategy", "caffeine",
      text -> List.copyOf(choices(text, STRATEGY_NAMES, false)), "a non-empty comma list of " + STRATEGY_NAMES);
  public static final ConfigKey<String> DEFAULT_RULE =
      add("rules.default", "{name}:*", ConfigKeys::nonBlank, "a cache-key glob pattern; {name} is the lower-case name");
  public static final ConfigKey<String> REDIS_URI = addSecret("redis.uri", "redis://127.0.0.1:6379/0",
      ConfigKeys::redisUri, "a redis://, rediss:// or redis-sentinel:// URI");
  public static final ConfigKey<Integer> REDIS_SCAN_COUNT =
      add("redis.scan-count", "1000", text -> intRange(text, 1, 1_000_000), "a whole number from 1 to 1000000");
  public static final ConfigKey<String> REDIS_CLUSTER = add("redis.cluster", "auto",
      text -> oneOf(text, "auto", "true", "false"), "one of auto, true, false");
  public static final ConfigKey<Integer> REDIS_TIMEOUT_MS = add("redis.timeout-ms", "5000",
      text -> intRange(text, 1, 600_000), "a whole number of milliseconds from 1 to 600000");
  public static final ConfigKey<Integer> REDIS_DELETE_AGAIN_AFTER_MS = add("redis.delete-again-after-ms", "0",
      text -> intRange(text, 0, 3_600_000), "a whole number of milliseconds from 0 (off) to 3600000");
  public static final ConfigKey<String> VERSIONING_KEY = add("versioning.key", "{name}:version",
      ConfigKeys::nonBlank, "a Redis key; {name} is the lower-case name");
  public static final ConfigKey<Boolean> CAFFEINE_BROADCAST =
      add("caffeine.broadcast", "false", ConfigKeys::bool, "true or false");
  public static final ConfigKey<Integer> CAFFEINE_DELETE_AGAIN_AFTER_MS = add("caffeine.delete-again-after-ms",
      "0", text -> intRange(text, 0, 3_600_000), "a whole number of milliseconds from 0 (off) to 3600000");
  public static final ConfigKey<String> CAFFEINE_CHANNEL =
      add("caffeine.channel", "cache-invalidation", ConfigKeys::nonBlank, "a Redis Pub/Sub channel name");
  public static final ConfigKey<List<String>> ON_STARTUP =
      add("on-startup", "", ConfigKeys::patterns, "a comma list of cache-key glob patterns (may be empty)");
  public static final ConfigKey<List<String>> ON_DDL =
      add("on-ddl", "", ConfigKeys::patterns, "a comma list of cache-key glob patterns (may be empty)");
  public static final ConfigKey<Integer> AWAIT_MS =
      add("await-ms", "100", text -> intRange(text, 0, 60_000), "a whole number of milliseconds from 0 to 60000");
  public static final ConfigKey<Boolean> JMX_ENABLED = add("jmx.enabled", "true", ConfigKeys::bool, "true or false");
  public static final ConfigKey<Integer> JMX_DELAY_MS =
      add("jmx.delay-ms", "200", text -> intRange(text, 0, 600_000), "a whole number of milliseconds from 0 to 600000");
  public static final ConfigKey<LogLevel> LOG_LEVEL =
      add("log.level", "info", LogLevel::parse, "one of error, warn, info, debug, trace");
  /** Whether JDBC statement and connection classes get a field for the agent's per-object state as they load. */
  public static final ConfigKey<Boolean> FIELD_INJECTION =
      add("field-injection", "true", ConfigKeys::bool, "true or false");
  public static final ConfigKey<Integer> SQL_CACHE_SIZE =
      add("sql.cache-size", "10000", text -> intRange(text, 0, 10_000_000), "a whole number from 0 to 10000000");
  /** What a GraphQL mutation field that maps to no name invalidates: nothing, or every configured rule. */
  public static final ConfigKey<String> GRAPHQL_UNMAPPED = add("graphql.unmapped", "ignore",
      text -> oneOf(text, "ignore", "all"), "one of ignore, all");

  /** Where undelivered invalidations of remote strategies are journaled to survive a crash; empty: nowhere. */
  public static final ConfigKey<String> DURABLE_DIR = add("durable.dir", "", ConfigKeys::path,
      "a directory path (empty: no journal)");

  /** Prefixes of keys whose last part is a name chosen by the user. */
  public static final List<String> DYNAMIC_PREFIXES = List.of("rules.", "tables.", "mutations.");

  /** Keys that only say where the configuration file is; they are read before the file. */
  public static final String CONFIG_FILE = "config";

  private ConfigKeys() {}

  /** All static keys, in documentation order. */
  public static Map<String, ConfigKey<?>> all() {
    return Collections.unmodifiableMap(KEYS);
  }

  /** Whether {@code name} (without prefix) is a static key, a dynamic key or the config-file key. */
  public static boolean isKnown(String name) {
    if (KEYS.containsKey(name) || CONFIG_FILE.equals(name)) {
      return true;
    }
    for (String prefix : DYNAMIC_PREFIXES) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        return true;
      }
    }
    return false;
  }

  /** The known key closest to {@code name} by edit distance, with its prefix, for "did you mean" messages. */
  public static String closest(String name) {
    List<String> candidates = new ArrayList<>(KEYS.keySet());
    for (String prefix : DYNAMIC_PREFIXES) {
      candidates.add(prefix + "<name>");
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return PREFIX + best;
  }

  // ---- parsers: each throws IllegalArgumentException with a short reason ----

  static boolean bool(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException("not a boolean");
  }

  static int intRange(String text, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  static String nonBlank(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    return text.trim();
  }

  /** Splits a comma list, trimming items and dropping empty ones. */
  public static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  static String path(String text) {
    String value = text.trim();
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException("contains a control character");
      }
    }
    return value;
  }

  static List<String> patterns(String text) {
    return list(text);
  }

  static Set<String> choices(String text, Set<String> accepted, boolean mayBeEmpty) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String item : list(text)) {
      String value = item.toLowerCase(Locale.ROOT);
      if (!accepted.contains(value)) {
        throw new IllegalArgumentException("unknown item '" + item + "'");
      }
      chosen.add(value);
    }
    if (chosen.isEmpty() && !mayBeEmpty) {
      throw new IllegalArgumentException("empty");
    }
    return Collections.unmodifiableSet(chosen);
  }

  static String oneOf(String text, String... accepted) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (!List.of(accepted).contains(value)) {
      throw new IllegalArgumentException("unknown value '" + text.trim() + "'");
    }
    return value;
  }

  static String redisUri(String text) {
    String value = path(text);
    if (value.length() > 4096) {
      throw new IllegalArgumentException("longer than 4096 characters");
    }
    if (!(value.startsWith("redis://") || value.startsWith("rediss://") || value.startsWith("redis-sentinel://")
        || value.startsWith("redis-socket://"))) {
      throw new IllegalArgumentException("not a Redis URI");
    }
    return value;
  }

  private static <T> ConfigKey<T> add(String name, String def, Function<String, T> parser, String accepted) {
    ConfigKey<T> key = new ConfigKey<>(name, def, parser, accepted, false);
    KEYS.put(name, key);
    return key;
  }

  private static <T> ConfigKey<T> addSecret(String name, String def, Function<String, T> parser, String accepted) {
    ConfigKey<T> key = new ConfigKey<>(name, def, parser, accepted, true);
    KEYS.put(name, key);
    return key;
  }

  private static Set<String> orderedSet(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
