package dev.cacheinvalidation.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Resolves the configuration from its sources, highest first: agent arguments, system properties
 * ({@code -Dinvalidation.<key>}), environment variables ({@code INVALIDATION_<KEY>}), the properties file, the
 * built-in defaults.
 *
 * <p>Nothing here throws on bad input: an unknown key is reported with the closest known key, a rejected
 * value is reported with the key, the value and what is accepted, and that key keeps its default. Not
 * thread-safe; build one per load.
 */
public final class ConfigLoader {
  private static final String ENV_PREFIX = "INVALIDATION_";

  private String agentArguments = "";
  private Map<String, String> systemProperties = Map.of();
  private Map<String, String> environment = Map.of();
  private Path workingDirectory = Path.of("");
  private Consumer<String> warnings = message -> {};

  private ConfigLoader() {}

  public static ConfigLoader builder() {
    return new ConfigLoader();
  }

  /** The loader for this JVM: its agent arguments, system properties, environment and working directory. */
  public static ConfigLoader forThisJvm(String agentArguments, Consumer<String> warnings) {
    Map<String, String> properties = new LinkedHashMap<>();
    Properties system = System.getProperties();
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith(ConfigKeys.PREFIX)) {
        properties.put(name, system.getProperty(name));
      }
    }
    return builder().agentArguments(agentArguments).systemProperties(properties).environment(System.getenv())
        .warnings(warnings);
  }

  public ConfigLoader agentArguments(String arguments) {
    this.agentArguments = arguments == null ? "" : arguments;
    return this;
  }

  public ConfigLoader systemProperties(Map<String, String> properties) {
    this.systemProperties = Map.copyOf(properties);
    return this;
  }

  public ConfigLoader environment(Map<String, String> variables) {
    this.environment = Map.copyOf(variables);
    return this;
  }

  public ConfigLoader workingDirectory(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  public ConfigLoader warnings(Consumer<String> sink) {
    this.warnings = sink;
    return this;
  }

  /** Resolves every source into a validated snapshot. Never throws for bad input. */
  public AgentConfig build() {
    List<String> problems = new ArrayList<>();
    Consumer<String> report = message -> {
      problems.add(message);
      warnings.accept(message);
    };
    Map<String, String> fromArguments = parseAgentArguments(agentArguments, report);
    Map<String, String> fromProperties = stripPrefix(systemProperties);
    Map<String, String> fromEnvironment = fromEnvironment(environment, report);

    List<String> origin = new ArrayList<>();
    Map<String, String> fromFile = readFile(fromArguments, fromProperties, fromEnvironment, origin, report);

    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, String> sourceOfKey = new LinkedHashMap<>();
    layer(merged, sourceOfKey, fromFile, "the configuration file");
    layer(merged, sourceOfKey, fromEnvironment, "the environment");
    layer(merged, sourceOfKey, fromProperties, "system properties");
    layer(merged, sourceOfKey, fromArguments, "agent arguments");
    if (!fromEnvironment.isEmpty()) {
      origin.add("environment");
    }
    if (!fromProperties.isEmpty()) {
      origin.add("system properties");
    }
    if (!fromArguments.isEmpty()) {
      origin.add("agent arguments");
    }
    merged.remove(ConfigKeys.CONFIG_FILE);

    Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      values.put(key, key.parse(key.defaultText()));
    }
    Map<String, List<String>> rules = new LinkedHashMap<>();
    Map<String, String> tables = new LinkedHashMap<>();
    Map<String, List<String>> mutations = new LinkedHashMap<>();

    for (Map.Entry<String, String> entry : merged.entrySet()) {
      String name = entry.getKey();
      String text = entry.getValue();
      String where = sourceOfKey.get(name);
      ConfigKey<?> key = ConfigKeys.all().get(name);
      if (key != null) {
        try {
          values.put(key, key.parse(text));
        } catch (IllegalArgumentException e) {
          String shown = DisplayText.of(key.isSecret() ? Secrets.maskUri(text) : text);
          report.accept(key.propertyName() + ": value '" + shown + "' from " + where + " is not accepted ("
              + DisplayText.of(e.getMessage()) + "); expected " + key.accepted() + "; using the default '"
              + (key.isSecret() ? Secrets.maskUri(key.defaultText()) : key.defaultText()) + "'");
        }
      } else if (name.startsWith("rules.") && name.length() > "rules.".length()) {
        putPatterns(rules, name, text, where, report);
      } else if (name.startsWith("tables.") && name.length() > "tables.".length()) {
        if (text.isBlank()) {
          report.accept(ConfigKeys.PREFIX + DisplayText.of(name) + ": empty value from " + where
              + "; expected a name");
        } else {
          tables.put(name.substring("tables.".length()).toLowerCase(Locale.ROOT), text.trim());
        }
      } else if (name.startsWith("mutations.") && name.length() > "mutations.".length()) {
        List<String> names = ConfigKeys.list(text);
        if (names.isEmpty()) {
          report.accept(ConfigKeys.PREFIX + DisplayText.of(name) + ": empty value from " + where
              + "; expected a comma list of names");
        } else {
          mutations.put(name.substring("mutations.".length()).toLowerCase(Locale.ROOT), names);
        }
      } else {
        report.accept("unknown key " + ConfigKeys.PREFIX + DisplayText.of(name) + " from " + where
            + "; did you mean " + ConfigKeys.closest(suggestionBasis(name)) + "? (ignored)");
      }
    }
    String originText = origin.isEmpty() ? "built-in defaults" : String.join(", ", origin);
    return new AgentConfig(values, rules, tables, mutations, originText, problems);
  }

  private static void putPatterns(Map<String, List<String>> rules, String name, String text, String where,
      Consumer<String> report) {
    List<String> patterns = ConfigKeys.list(text);
    if (patterns.isEmpty()) {
      report.accept(ConfigKeys.PREFIX + DisplayText.of(name) + ": empty value from " + where
          + "; expected a comma list of cache-key glob patterns (ignored)");
      return;
    }
    rules.put(name.substring("rules.".length()).toLowerCase(Locale.ROOT), patterns);
  }

  private static void layer(Map<String, String> merged, Map<String, String> sourceOfKey, Map<String, String> layer,
      String where) {
    for (Map.Entry<String, String> entry : layer.entrySet()) {
      merged.put(entry.getKey(), entry.getValue());
      sourceOfKey.put(entry.getKey(), where);
    }
  }

  private Map<String, String> readFile(Map<String, String> arguments, Map<String, String> properties,
      Map<String, String> environment, List<String> origin, Consumer<String> report) {
    String named = arguments.get(ConfigKeys.CONFIG_FILE);
    String namedBy = "agent argument config";
    if (named == null) {
      named = properties.get(ConfigKeys.CONFIG_FILE);
      namedBy = "system property invalidation.config";
    }
    if (named == null) {
      named = environment.get(ConfigKeys.CONFIG_FILE);
      namedBy = "environment variable INVALIDATION_CONFIG";
    }
    Path file;
    if (named != null) {
      file = workingDirectory.resolve(named.trim());
    } else {
      file = workingDirectory.resolve("agent.properties");
      if (!Files.isRegularFile(file)) {
        return Map.of();
      }
      namedBy = "the working directory";
    }
    Properties properties1 = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties1.load(reader);
    } catch (IOException | RuntimeException e) {
      report.accept("invalidation.config: cannot read the configuration file '" + file + "' named by " + namedBy
          + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + "); expected a readable properties file; using the other sources and the defaults");
      return Map.of();
    }
    origin.add("file " + file);
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : properties1.stringPropertyNames()) {
      values.put(name, properties1.getProperty(name));
    }
    Map<String, String> stripped = stripPrefix(values);
    stripped.remove(ConfigKeys.CONFIG_FILE);
    return stripped;
  }

  /** Keys in files and system properties carry the {@code invalidation.} prefix; files may also omit it. */
  private static Map<String, String> stripPrefix(Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : raw.entrySet()) {
      String name = entry.getKey().trim();
      if (name.startsWith(ConfigKeys.PREFIX)) {
        name = name.substring(ConfigKeys.PREFIX.length());
      }
      out.put(name, entry.getValue());
    }
    return out;
  }

  /**
   * Parses {@code key=value,key=value}. Values may themselves be comma lists ({@code strategy=caffeine,log}):
   * an item without {@code '='} continues the previous value.
   */
  static Map<String, String> parseAgentArguments(String arguments, Consumer<String> report) {
    Map<String, String> out = new LinkedHashMap<>();
    if (arguments == null || arguments.isBlank()) {
      return out;
    }
    String lastKey = null;
    for (String item : arguments.split(",")) {
      int equals = item.indexOf('=');
      if (equals > 0) {
        lastKey = item.substring(0, equals).trim();
        if (lastKey.startsWith(ConfigKeys.PREFIX)) {
          lastKey = lastKey.substring(ConfigKeys.PREFIX.length());
        }
        out.put(lastKey, item.substring(equals + 1));
      } else if (lastKey != null) {
        out.put(lastKey, out.get(lastKey) + "," + item);
      } else if (!item.isBlank()) {
        report.accept("agent arguments: '" + DisplayText.of(item) + "' is not key=value (ignored)");
      }
    }
    return out;
  }

  /**
   * {@code INVALIDATION_AWAIT_MS} is {@code await-ms}: upper-case, with {@code '.'} and {@code '-'} as
   * {@code '_'}. For {@code RULES_}, {@code TABLES_} and {@code MUTATIONS_} the rest is the lower-case name.
   */
  static Map<String, String> fromEnvironment(Map<String, String> environment, Consumer<String> report) {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    for (String name : ConfigKeys.all().keySet()) {
      byEnvName.put(envName(name), name);
    }
    byEnvName.put(envName(ConfigKeys.CONFIG_FILE), ConfigKeys.CONFIG_FILE);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String variable = entry.getKey();
      if (!variable.startsWith(ENV_PREFIX)) {
        continue;
      }
      String suffix = variable.substring(ENV_PREFIX.length());
      String name = byEnvName.get(suffix);
      if (name == null) {
        for (String prefix : ConfigKeys.DYNAMIC_PREFIXES) {
          String envPrefix = envName(prefix);
          if (suffix.startsWith(envPrefix) && suffix.length() > envPrefix.length()) {
            name = prefix + suffix.substring(envPrefix.length()).toLowerCase(Locale.ROOT);
          }
        }
      }
      if (name == null) {
        report.accept("unknown environment variable " + DisplayText.of(variable) + "; did you mean "
            + ENV_PREFIX + envName(ConfigKeys.closest(suggestionBasis(suffix.toLowerCase(Locale.ROOT).replace('_', '.')))
                .substring(ConfigKeys.PREFIX.length())) + "? (ignored)");
        continue;
      }
      out.put(name, entry.getValue());
    }
    return out;
  }

  /** Edit distance is quadratic: a hostile, huge key name is compared by its beginning only. */
  private static String suggestionBasis(String name) {
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
