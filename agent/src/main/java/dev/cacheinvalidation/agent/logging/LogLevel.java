package dev.cacheinvalidation.agent.logging;

import java.util.Locale;

/** The agent's log levels, most severe first. */
public enum LogLevel {
  ERROR, WARN, INFO, DEBUG, TRACE;

  /** Parses a level name case-insensitively; throws {@link IllegalArgumentException} for anything else. */
  public static LogLevel parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  boolean enables(LogLevel messageLevel) {
    return messageLevel.ordinal() <= ordinal();
  }
}
