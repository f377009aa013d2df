package dev.cacheinvalidation.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated snapshot of the configuration. Every static key has a value (the default when unset or
 * invalid); dynamic keys ({@code rules.*}, {@code tables.*}, {@code mutations.*}) are exposed as maps keyed
 * by the lower-case name, since names compare case-insensitively.
 *
 * <p>Immutable and thread-safe. A reload produces a new snapshot.
 */
public final class AgentConfig {
  private final Map<ConfigKey<?>, Object> values;
  private final Map<String, List<String>> rules;
  private final Map<String, String> tables;
  private final Map<String, List<String>> mutations;
  private final String origin;
  private final List<String> problems;

  AgentConfig(Map<ConfigKey<?>, Object> values, Map<String, List<String>> rules, Map<String, String> tables,
      Map<String, List<String>> mutations, String origin, List<String> problems) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    this.mutations = Collections.unmodifiableMap(new LinkedHashMap<>(mutations));
    this.origin = Objects.requireNonNull(origin);
    this.problems = List.copyOf(problems);
  }

  /** The built-in defaults alone. */
  public static AgentConfig defaults() {
    return ConfigLoader.builder().build();
  }

  /** The value of a static key: the configured one when valid, else the default. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    return (T) values.get(key);
  }

  /** {@code rules.<Name>} patterns by lower-case name (without {@code rules.default}). */
  public Map<String, List<String>> rules() {
    return rules;
  }

  /** {@code tables.<table>} aliases: lower-case table (possibly schema-qualified) to name. */
  public Map<String, String> tables() {
    return tables;
  }

  /** {@code mutations.<field>} names by lower-case GraphQL field name. */
  public Map<String, List<String>> mutations() {
    return mutations;
  }

  /** Where the configuration came from, for the start-up line: e.g. {@code file ./agent.properties, agent arguments}. */
  public String origin() {
    return origin;
  }

  /** The warnings produced while loading (unknown keys, rejected values, unreadable file), already logged. */
  public List<String> problems() {
    return problems;
  }

  /** A value for display, with credentials masked. */
  public String display(ConfigKey<?> key) {
    Object value = get(key);
    String text = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
        : value instanceof Iterable<?> items ? String.join(",", toStrings(items)) : String.valueOf(value);
    return key.isSecret() ? Secrets.maskUri(text) : text;
  }

  private static List<String> toStrings(Iterable<?> items) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    items.forEach(item -> out.add(String.valueOf(item)));
    return out;
  }
}
