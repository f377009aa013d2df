package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.logging.AgentLog;
import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.slf4j.Logger;

/**
 * Routes the relocated netty's and lettuce's logging into the agent's own log, one level lower.
 *
 * <p>Left alone, netty probes for a logging backend: it asks the relocated slf4j, which has no provider and
 * prints a three-line "No SLF4J providers" warning on the application's stderr, then falls back to
 * {@code java.util.logging}, where lettuce's per-attempt reconnect messages would land in the application's own
 * log. Lowering the level keeps an outage quiet: the dispatcher already reports a failing strategy once per
 * burst, and {@code log.level=debug} shows lettuce's detail. Must run before the first lettuce class is
 * initialised (their loggers are static). Thread-safe; installing twice is harmless.
 */
final class NettyLogRouting {
  private NettyLogRouting() {}

  static void install() {
    InternalLoggerFactory.setDefaultFactory(new Factory());
  }

  private static final class Factory extends InternalLoggerFactory {
    @Override
    protected InternalLogger newInstance(String name) {
      return new DemotedLogger(name, AgentLog.get(name));
    }
  }

  /** trace and debug → trace; info and warn → debug; error → warn. */
  private static final class DemotedLogger extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;
    private final transient Logger log;

    DemotedLogger(String name, Logger log) {
      super(name);
      this.log = log;
    }

    @Override public boolean isTraceEnabled() { return log.isTraceEnabled(); }
    @Override public void trace(String msg) { log.trace(msg); }
    @Override public void trace(String format, Object arg) { log.trace(format, arg); }
    @Override public void trace(String format, Object a, Object b) { log.trace(format, a, b); }
    @Override public void trace(String format, Object... args) { log.trace(format, args); }
    @Override public void trace(String msg, Throwable t) { log.trace(msg, t); }

    @Override public boolean isDebugEnabled() { return log.isTraceEnabled(); }
    @Override public void debug(String msg) { log.trace(msg); }
    @Override public void debug(String format, Object arg) { log.trace(format, arg); }
    @Override public void debug(String format, Object a, Object b) { log.trace(format, a, b); }
    @Override public void debug(String format, Object... args) { log.trace(format, args); }
    @Override public void debug(String msg, Throwable t) { log.trace(msg, t); }

    @Override public boolean isInfoEnabled() { return log.isDebugEnabled(); }
    @Override public void info(String msg) { log.debug(msg); }
    @Override public void info(String format, Object arg) { log.debug(format, arg); }
    @Override public void info(String format, Object a, Object b) { log.debug(format, a, b); }
    @Override public void info(String format, Object... args) { log.debug(format, args); }
    @Override public void info(String msg, Throwable t) { log.debug(msg, t); }

    @Override public boolean isWarnEnabled() { return log.isDebugEnabled(); }
    @Override public void warn(String msg) { log.debug(msg); }
    @Override public void warn(String format, Object arg) { log.debug(format, arg); }
    @Override public void warn(String format, Object a, Object b) { log.debug(format, a, b); }
    @Override public void warn(String format, Object... args) { log.debug(format, args); }
    @Override public void warn(String msg, Throwable t) { log.debug(msg, t); }

    @Override public boolean isErrorEnabled() { return log.isWarnEnabled(); }
    @Override public void error(String msg) { log.warn(msg); }
    @Override public void error(String format, Object arg) { log.warn(format, arg); }
    @Override public void error(String format, Object a, Object b) { log.warn(format, a, b); }
    @Override public void error(String format, Object... args) { log.warn(format, args); }
    @Override public void error(String msg, Throwable t) { log.warn(msg, t); }
  }
}
