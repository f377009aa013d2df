package dev.cacheinvalidation.agent;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKey;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.config.DisplayText;
import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.AgentStatistics;
import dev.cacheinvalidation.agent.pipeline.InvalidationDispatcher;
import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.PipelineSettings;
import dev.cacheinvalidation.agent.pipeline.RuleSet;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import dev.cacheinvalidation.agent.strategy.StrategyFactory;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineCacheRegistry;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The running agent: configuration, pipeline, strategies and the discovered caches, and the operations an
 * operator can apply to them (switch strategy or sources, enable, reload).
 *
 * <p>Thread-safety: reconfiguration methods are synchronized; the pipeline reads a volatile snapshot, so a
 * change applies from the next unit of work.
 */
public final class AgentRuntime {
  private static final Logger log = AgentLog.get(AgentRuntime.class);
  private static volatile AgentRuntime current;
  /** Remote attempts waiting for a worker; past it, invalidations join the strategy's pending set instead. */
  private static final int WORKER_QUEUE_CAPACITY = 10_000;

  private final Supplier<AgentConfig> configSupplier;
  private final CaffeineCacheRegistry caffeineCaches = new CaffeineCacheRegistry();
  private final AgentStatistics statistics = new AgentStatistics();
  private final ExecutorService workers = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(WORKER_QUEUE_CAPACITY), DaemonThreads.named("cache-invalidation-worker"));
  private final ScheduledExecutorService scheduler =
      new ScheduledThreadPoolExecutor(1, DaemonThreads.named("cache-invalidation-retry"));
  private final InvalidationDispatcher dispatcher = new InvalidationDispatcher(statistics, workers, scheduler);
  private final StrategyFactory strategyFactory;
  private final NameCatalog catalog;
  private final WritePipeline pipeline;
  private volatile AgentConfig config;

  public AgentRuntime(AgentConfig config, Supplier<AgentConfig> configSupplier) {
    this.config = config;
    this.configSupplier = configSupplier;
    ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
    this.strategyFactory = new StrategyFactory(caffeineCaches);
    this.catalog = new NameCatalog(config.tables());
    dispatcher.useDurableDirectory(durableDirectory(config));
    this.pipeline = new WritePipeline(settingsFrom(config, strategiesOrDefault(config)), catalog, statistics,
        dispatcher);
    dispatcher.prepare(pipeline.settings().strategies());
  }

  /** The runtime started in this JVM, or null. */
  public static AgentRuntime current() {
    return current;
  }

  static void setCurrent(AgentRuntime runtime) {
    current = runtime;
  }

  public AgentConfig config() {
    return config;
  }

  public WritePipeline pipeline() {
    return pipeline;
  }

  public NameCatalog catalog() {
    return catalog;
  }

  public AgentStatistics statistics() {
    return statistics;
  }

  public CaffeineCacheRegistry caffeineCaches() {
    return caffeineCaches;
  }

  /**
   * The versioning strategy's current version per known name (empty when it was never active).
   *
   * @throws Exception when Redis cannot be read
   */
  public Map<String, Long> versions() throws Exception {
    return strategyFactory.versions();
  }

  /** The active strategies as a comma list (companions such as caffeine-broadcast are not listed). */
  public String strategyText() {
    return String.join(",", pipeline.settings().strategies().stream().map(InvalidationStrategy::name)
        .filter(ConfigKeys.STRATEGY_NAMES::contains).toList());
  }

  /** The active sources as a comma list, in documentation order. */
  public String sourcesText() {
    Set<Source> sources = pipeline.settings().sources();
    return String.join(",", List.of(Source.JPA, Source.JDBC, Source.GRAPHQL).stream()
        .filter(sources::contains).map(Source::key).toList());
  }

  /**
   * Switches strategies from the next unit of work.
   *
   * @throws IllegalArgumentException when the value is not accepted; nothing changes then
   */
  public synchronized void setStrategy(String text) {
    List<String> names = parse(ConfigKeys.STRATEGY.name(), text, ConfigKeys.STRATEGY);
    List<InvalidationStrategy> strategies = strategyFactory.strategies(names, config);
    dispatcher.prepare(strategies);
    pipeline.update(pipeline.settings().withStrategies(strategies));
    log.info("strategy is now {}", strategyText());
  }

  /**
   * Switches sources from the next unit of work.
   *
   * @throws IllegalArgumentException when the value is not accepted; nothing changes then
   */
  public synchronized void setSources(String text) {
    Set<String> names = parse(ConfigKeys.SOURCES.name(), text, ConfigKeys.SOURCES);
    pipeline.update(pipeline.settings().withSources(toSources(names)));
    log.info("sources are now {}", sourcesText().isEmpty() ? "(none)" : sourcesText());
  }

  public synchronized void setEnabled(boolean enabled) {
    pipeline.update(pipeline.settings().withEnabled(enabled));
    log.info("invalidation is now {}", enabled ? "enabled" : "disabled");
  }

  /**
   * Reads every configuration source again and applies the result; strategies not created yet are built from
   * it, and a warning names each key whose new value a strategy created earlier cannot take.
   */
  public synchronized void reload() {
    AgentConfig fresh = configSupplier.get();
    AgentLog.setLevel(fresh.get(ConfigKeys.LOG_LEVEL));
    catalog.setAliases(fresh.tables());
    List<InvalidationStrategy> strategies = strategiesOrDefault(fresh);
    dispatcher.prepare(strategies);
    pipeline.update(settingsFrom(fresh, strategies));
    this.config = fresh;
    log.info("configuration reloaded from {}: strategy {}, sources {}", fresh.origin(), strategyText(),
        sourcesText());
    for (ConfigKey<?> key : strategyFactory.keysNotApplied(fresh)) {
      // No value printed: the Redis URI may hold a password.
      log.warn("{}: the reloaded value applies from the next start of the JVM; the strategies already created "
          + "keep the value they were created with", key.propertyName());
    }
  }

  /** Stops background threads and closes strategies (JVM shutdown). */
  public void shutdown() {
    workers.shutdown();
    scheduler.shutdown();
    dispatcher.close();
    strategyFactory.closeAll();
  }

  private List<InvalidationStrategy> strategiesOrDefault(AgentConfig source) {
    try {
      return strategyFactory.strategies(source.get(ConfigKeys.STRATEGY), source);
    } catch (RuntimeException e) {
      log.warn("{}: {}; using the default '{}'", ConfigKeys.STRATEGY.propertyName(), e.getMessage(),
          ConfigKeys.STRATEGY.defaultText());
      return strategyFactory.strategies(ConfigKeys.STRATEGY.parse(ConfigKeys.STRATEGY.defaultText()), source);
    }
  }

  private static Path durableDirectory(AgentConfig config) {
    String directory = config.get(ConfigKeys.DURABLE_DIR);
    if (directory.isEmpty()) {
      return null;
    }
    try {
      return Path.of(directory).toAbsolutePath();
    } catch (RuntimeException e) {
      log.warn("{}: '{}' is not a usable path ({}); undelivered invalidations are kept in memory only",
          ConfigKeys.DURABLE_DIR.propertyName(), directory, e.getMessage());
      return null;
    }
  }

  private static PipelineSettings settingsFrom(AgentConfig config, List<InvalidationStrategy> strategies) {
    return new PipelineSettings(config.get(ConfigKeys.ENABLED), toSources(config.get(ConfigKeys.SOURCES)),
        new RuleSet(config), strategies, config.get(ConfigKeys.AWAIT_MS));
  }

  private static Set<Source> toSources(Set<String> names) {
    Set<Source> sources = EnumSet.noneOf(Source.class);
    for (String name : names) {
      sources.add(Source.valueOf(name.toUpperCase(Locale.ROOT)));
    }
    return sources;
  }

  private static <T> T parse(String name, String text, ConfigKey<T> key) {
    if (text == null) {
      throw new IllegalArgumentException(key.propertyName() + ": no value; expected " + key.accepted());
    }
    try {
      return key.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key.propertyName() + ": value '" + DisplayText.of(text)
          + "' is not accepted (" + DisplayText.of(e.getMessage()) + "); expected " + key.accepted());
    }
  }

}
