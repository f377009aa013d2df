package dev.cacheinvalidation.agent.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name (without the {@code invalidation.} prefix), its default, how its text is
 * parsed, and what is accepted, for messages. Immutable and thread-safe.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  private final String name;
  private final String defaultText;
  private final Function<String, T> parser;
  private final String accepted;
  private final boolean secret;

  ConfigKey(String name, String defaultText, Function<String, T> parser, String accepted, boolean secret) {
    this.name = Objects.requireNonNull(name);
    this.defaultText = Objects.requireNonNull(defaultText);
    this.parser = Objects.requireNonNull(parser);
    this.accepted = Objects.requireNonNull(accepted);
    this.secret = secret;
  }

  /** The key without its {@code invalidation.} prefix, e.g. {@code await-ms}. */
  public String name() {
    return name;
  }

  /** The key as written in files and system properties, e.g. {@code invalidation.await-ms}. */
  public String propertyName() {
    return ConfigKeys.PREFIX + name;
  }

  public String defaultText() {
    return defaultText;
  }

  /** What this key accepts, as shown to the user when a value is rejected. */
  public String accepted() {
    return accepted;
  }

  /** Whether values may hold credentials and must be masked before being shown. */
  public boolean isSecret() {
    return secret;
  }

  /**
   * Parses a value.
   *
   * @throws IllegalArgumentException when the text is not accepted
   */
  public T parse(String text) {
    return parser.apply(text);
  }

  @Override
  public String toString() {
    return propertyName();
  }
}
