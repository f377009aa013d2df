package dev.cacheinvalidation.samples.staleness.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A few consecutive runs of one mode on the same forked JVMs (start-up dominates a short run): reset the
 * database, start Redis when the mode needs it, fork the application instances; then per run, let them run
 * while injecting the mode's fault halfway, wait until every instance has quiesced, and have each compare its
 * cache with the database (then empty it). A mode that kills a JVM gets one run per session. Not thread-safe.
 */
final class CheckerRun {
  private static final long START_TIMEOUT_MILLIS = 120_000;
  private static final long QUIESCE_TIMEOUT_MILLIS = 120_000;

  private final Mode mode;
  private final Settings settings;
  private final SharedDatabase database;
  private final int index;
  private final int runs;

  CheckerRun(Mode mode, Settings settings, SharedDatabase database, int index, int runs) {
    this.mode = mode;
    this.settings = settings;
    this.database = database;
    this.index = index;
    this.runs = runs;
  }

  /** Each run's results, one per surviving instance; stops at the first run that fails. */
  List<List<RunResult>> execute() throws Exception {
    database.reset(settings.keys());
    RedisProcess redis = mode.redis() ? RedisProcess.start() : null;
    List<ApplicationProcess> instances = new ArrayList<>();
    try {
      for (int i = 0; i < mode.instances(); i++) {
        instances.add(launch(i, redis, ""));
      }
      for (ApplicationProcess instance : instances) {
        awaitReady(instance);
      }
      List<List<RunResult>> results = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        results.add(runOnce(redis, instances));
      }
      for (ApplicationProcess instance : instances) {
        if (instance.isAlive()) {
          instance.send("exit");
        }
      }
      return results;
    } finally {
      for (ApplicationProcess instance : instances) {
        instance.close();
      }
      if (redis != null) {
        redis.close();
      }
    }
  }

  private List<RunResult> runOnce(RedisProcess redis, List<ApplicationProcess> instances) throws Exception {
    for (ApplicationProcess instance : instances) {
      instance.send("run " + settings.durationMillis());
    }
    FaultInjector.inject(mode.fault(), settings.durationMillis(), redis, instances, () -> {
      ApplicationProcess replacement = launch(instances.size() - 1, redis, "-replacement");
      awaitReady(replacement);
      return replacement;
    });
    List<ApplicationProcess> survivors = new ArrayList<>();
    for (ApplicationProcess instance : instances) {
      if (instance.isAlive()) {
        instance.await("quiesced", settings.durationMillis() + QUIESCE_TIMEOUT_MILLIS);
        survivors.add(instance);
      }
    }
    List<RunResult> results = new ArrayList<>();
    for (ApplicationProcess instance : survivors) {
      instance.send("compare");
      results.add(RunResult.parse(instance.await("result", 60_000), instance.await("windows", 10_000),
          instance.await("examples", 10_000), instance.await("error", 10_000)));
    }
    return results;
  }

  private ApplicationProcess launch(int instance, RedisProcess redis, String suffix) throws IOException {
    Path log = settings.outputDir().resolve(mode.name() + "-session" + index + "-instance" + instance + suffix
        + ".log");
    // With a killed JVM only the killed (last) instance writes, and its replacement only reads: the
    // invalidations the kill leaves undelivered are then the last ones, and nothing else repairs them.
    boolean writes = mode.fault() != Fault.JVM_KILL || (instance == mode.instances() - 1 && suffix.isEmpty());
    return new ApplicationProcess(command(instance, redis, writes ? settings.writers() : 0), log);
  }

  /** Waits for {@code @@ready}; a mode whose strategy the built agent lacks is reported as not run. */
  private void awaitReady(ApplicationProcess instance) throws Exception {
    String ready = instance.await("ready", START_TIMEOUT_MILLIS);
    String expected = "strategy=" + (mode.strategy() == null ? "none" : mode.strategy());
    if (!ready.equals(expected)) {
      throw new UnavailableModeException("the agent runs " + ready + " instead of " + expected
          + " (strategy not in this build)");
    }
  }

  private List<String> command(int instance, RedisProcess redis, int writers) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    if (mode.strategy() != null) {
      command.add("-javaagent:" + settings.agentJar().toAbsolutePath() + "=strategy=" + mode.strategy());
      command.add("-Dinvalidation.mutations.updateItem=item");
      command.add("-Dinvalidation.log.level=warn");
      command.add("-Dinvalidation.jmx.delay-ms=0");
      if (redis != null) {
        command.add("-Dinvalidation.redis.uri=" + redis.uri());
      }
      Path journal = settings.outputDir().resolve("journal-" + mode.name() + "-session" + index);
      for (String property : mode.systemProperties()) {
        command.add("-D" + property.replace("%JOURNAL%", journal.toAbsolutePath().toString()));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.cacheinvalidation.samples.staleness.app.CacheAsideApp");
    command.add("db=" + database.url());
    command.add("cache=" + mode.cache());
    command.add("redis=" + (redis == null ? "-" : redis.uri()));
    command.add("eviction=" + mode.eviction());
    command.add("readers=" + settings.readers());
    command.add("writers=" + writers);
    command.add("seed=" + ((settings.seed() + index) * 10 + instance));
    command.add("keys=" + settings.keys());
    command.add("paths=" + settings.paths());
    command.add("rollback-percent=" + settings.rollbackPercent());
    command.add("read-delay-us=" + settings.readDelayMicros());
    command.add("probe-timeout-ms=" + settings.probeTimeoutMillis());
    // A strategy that always throws never gets to zero pending: do not wait 30 s for it.
    command.add("idle-timeout-ms=" + (mode.fault() == Fault.STRATEGY_THROWS ? 2_000 : 30_000));
    command.add("settle-ms=" + mode.settleMillis());
    return command;
  }
}
