package dev.cacheinvalidation.agent.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The provider of the agent's relocated slf4j, found through its (relocated) service file, so libraries the agent
 * bundles that ask slf4j's {@code LoggerFactory} for a logger (reactor, netty) log into the agent's stderr log.
 *
 * <p>Without it the relocated slf4j finds no provider and prints a three-line warning on the application's
 * stderr the first time one of them logs. The application's own slf4j never sees this provider: both the service
 * file's name and the interface are relocated. Thread-safe.
 */
public final class AgentSlf4jProvider implements SLF4JServiceProvider {
  private final ILoggerFactory loggers = AgentLog::get;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // Nothing to set up: loggers are created on demand by AgentLog.
  }
}
