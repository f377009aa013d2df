package dev.cacheinvalidation.agent.logging;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's slf4j logger: one line per event on standard error, prefixed {@code [cache-invalidation]}.
 *
 * <p>The slf4j API used here is the agent's relocated copy, so nothing binds to or reconfigures the
 * application's logging. The level is shared by all loggers ({@link AgentLog#setLevel}). Thread-safe.
 */
final class StderrLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final String shortName;

  StderrLogger(String name) {
    this.name = name;
    this.shortName = name.substring(name.lastIndexOf('.') + 1);
  }

  @Override
  public boolean isTraceEnabled() {
    return AgentLog.level().enables(LogLevel.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return AgentLog.level().enables(LogLevel.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return AgentLog.level().enables(LogLevel.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return AgentLog.level().enables(LogLevel.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    StringBuilder line = new StringBuilder(64 + message.length())
        .append("[cache-invalidation] ")
        .append(LocalTime.now().format(TIME)).append(' ')
        .append(level).append(' ')
        .append(shortName).append(" - ")
        .append(message);
    PrintStream err = System.err;
    synchronized (err) {
      err.println(line);
      if (throwable != null && AgentLog.level().enables(LogLevel.DEBUG)) {
        throwable.printStackTrace(err);
      } else if (throwable != null) {
        err.println("[cache-invalidation]   caused by " + throwable);
      }
    }
  }
}
