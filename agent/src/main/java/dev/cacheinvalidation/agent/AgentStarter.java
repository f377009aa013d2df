package dev.cacheinvalidation.agent;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.config.ConfigLoader;
import dev.cacheinvalidation.agent.install.InstrumentationInstaller;
import dev.cacheinvalidation.agent.install.InstrumentationModules;
import dev.cacheinvalidation.agent.install.SourceAdapters;
import dev.cacheinvalidation.agent.jmx.AgentControl;
import dev.cacheinvalidation.agent.jmx.JmxRegistrar;
import dev.cacheinvalidation.agent.logging.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Starts the agent once the bridge is on the bootstrap class path: configuration, runtime, sinks,
 * instrumentation, JMX, start-up invalidations, and one log line saying what runs.
 */
public final class AgentStarter {
  private AgentStarter() {}

  /** Called reflectively by {@link AgentEntryPoint}; exceptions are reported there as "disabled". */
  public static void start(String arguments, Instrumentation instrumentation, boolean dynamic) {
    Logger log = AgentLog.get(AgentStarter.class);
    Supplier<AgentConfig> loader = () -> ConfigLoader.forThisJvm(arguments,
        warning -> AgentLog.get(ConfigLoader.class).warn(warning)).build();
    AgentConfig config = loader.get();
    AgentLog.setLevel(config.get(ConfigKeys.LOG_LEVEL));
    if (!config.get(ConfigKeys.ENABLED)) {
      AgentLog.disabled(ConfigKeys.ENABLED.propertyName() + "=false (from " + config.origin() + ")");
      return;
    }
    AgentRuntime runtime = new AgentRuntime(config, loader);
    AgentRuntime.setCurrent(runtime);
    SourceAdapters.install(runtime);
    InstrumentationInstaller.install(instrumentation, InstrumentationModules.all(), dynamic,
        config.get(ConfigKeys.FIELD_INJECTION));
    System.setProperty(AgentVersion.ACTIVE_PROPERTY, AgentVersion.VERSION);
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::shutdown, "cache-invalidation-shutdown"));
    if (config.get(ConfigKeys.JMX_ENABLED)) {
      JmxRegistrar.registerLater(new AgentControl(runtime), dynamic ? 0 : config.get(ConfigKeys.JMX_DELAY_MS));
    }
    runtime.pipeline().invalidatePatterns(config.get(ConfigKeys.ON_STARTUP), "on-startup");
    log.info("cache-invalidation-agent {} started{}: configuration from {}; strategy {}; sources {}",
        AgentVersion.VERSION, dynamic ? " (attached)" : "", config.origin(), runtime.strategyText(),
        runtime.sourcesText().isEmpty() ? "(none)" : runtime.sourcesText());
  }
}
