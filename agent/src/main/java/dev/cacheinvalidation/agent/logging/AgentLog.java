package dev.cacheinvalidation.agent.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * Hands out the agent's loggers (relocated slf4j API, stderr sink) and holds the level they share.
 *
 * <p>slf4j's own {@code LoggerFactory} is deliberately bypassed: its provider discovery scans the class path
 * and costs start-up time, and nothing about it needs to be configurable. Thread-safe.
 */
public final class AgentLog {
  private static final ConcurrentMap<String, Logger> LOGGERS = new ConcurrentHashMap<>();
  private static volatile LogLevel level = LogLevel.INFO;

  private AgentLog() {}

  public static Logger get(Class<?> type) {
    return get(type.getName());
  }

  /** A logger by name, for libraries the agent routes into its own log (the relocated netty and lettuce). */
  public static Logger get(String name) {
    return LOGGERS.computeIfAbsent(name, StderrLogger::new);
  }

  public static LogLevel level() {
    return level;
  }

  public static void setLevel(LogLevel newLevel) {
    level = newLevel;
  }

  /** The one line printed when the agent gives up; goes out whatever the level. */
  public static void disabled(String reason) {
    System.err.println("[cache-invalidation] disabled: " + reason);
  }
}
