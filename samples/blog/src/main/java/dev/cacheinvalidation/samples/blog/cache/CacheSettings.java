package dev.cacheinvalidation.samples.blog.cache;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where the blog caches, decided by the agent's own configuration keys so one setting moves both: with
 * {@code invalidation.strategy} naming {@code versioning} the blog caches in Redis with the version in its keys;
 * naming {@code redis-pattern}, in Redis with plain keys; otherwise in Caffeine. Read like the agent reads them,
 * highest first: the {@code -javaagent} arguments, system properties, environment variables, the properties file
 * ({@code config=}, {@code -Dinvalidation.config}, {@code INVALIDATION_CONFIG}, else {@code ./agent.properties}).
 * Without the agent attached the same keys apply, so the stale reads can be seen in Redis too. Immutable.
 */
public record CacheSettings(List<String> strategies, String redisUri, String versionKeyTemplate) {
  static final String STRATEGY = "invalidation.strategy";
  static final String REDIS_URI = "invalidation.redis.uri";
  static final String VERSION_KEY = "invalidation.versioning.key";

  public boolean versioned() {
    return strategies.contains("versioning");
  }

  public boolean redis() {
    return versioned() || strategies.contains("redis-pattern");
  }

  /** The settings this JVM was started with. */
  public static CacheSettings current() {
    Map<String, String> agentArguments = agentArguments(ManagementFactory.getRuntimeMXBean().getInputArguments());
    Properties file = propertiesFile(agentArguments.get("config"));
    String strategy = lookup(STRATEGY, agentArguments, file, "caffeine");
    List<String> strategies = Arrays.stream(strategy.split(",")).map(String::strip)
        .map(value -> value.toLowerCase(Locale.ROOT)).filter(value -> !value.isEmpty()).toList();
    return new CacheSettings(strategies, lookup(REDIS_URI, agentArguments, file, "redis://127.0.0.1:6379/0"),
        lookup(VERSION_KEY, agentArguments, file, "{name}:version"));
  }

  /**
   * The {@code key=value} items after {@code -javaagent:...cache-invalidation-agent...jar=}; an item without
   * {@code =} continues the previous value ({@code strategy=caffeine,log}). Keys get the {@code invalidation.}
   * prefix, except {@code config}.
   */
  static Map<String, String> agentArguments(List<String> jvmArguments) {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (String jvmArgument : jvmArguments) {
      int equals = jvmArgument.indexOf('=');
      if (!jvmArgument.startsWith("-javaagent:") || !jvmArgument.contains("cache-invalidation-agent") || equals < 0) {
        continue;
      }
      String previous = null;
      for (String item : jvmArgument.substring(equals + 1).split(",")) {
        int itemEquals = item.indexOf('=');
        if (itemEquals < 0) {
          if (previous != null) {
            arguments.merge(previous, "," + item, String::concat);
          }
          continue;
        }
        String key = item.substring(0, itemEquals).strip();
        previous = key.equals("config") || key.startsWith("invalidation.") ? key : "invalidation." + key;
        arguments.put(previous, item.substring(itemEquals + 1).strip());
      }
    }
    return arguments;
  }

  private static String lookup(String key, Map<String, String> agentArguments, Properties file, String fallback) {
    if (agentArguments.containsKey(key)) {
      return agentArguments.get(key);
    }
    String property = System.getProperty(key);
    if (property != null) {
      return property;
    }
    String environment = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    if (environment != null) {
      return environment;
    }
    return file.getProperty(key, fallback).strip();
  }

  private static Properties propertiesFile(String fromAgentArguments) {
    String named = fromAgentArguments != null ? fromAgentArguments
        : System.getProperty("invalidation.config", System.getenv("INVALIDATION_CONFIG"));
    Path path = Path.of(named != null ? named : "agent.properties");
    Properties properties = new Properties();
    if (Files.isRegularFile(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        properties.load(in);
      } catch (IOException unreadable) {
        // The agent reports an unreadable file; the blog then runs on the defaults, as the agent does.
      }
    }
    return properties;
  }
}
