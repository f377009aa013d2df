package dev.cacheinvalidation.samples.staleness.run;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Injects a run's fault in the middle of its write phase and returns once the write phase is over (so the
 * caller can wait for quiescing). Redis is paused for longer than every client timeout (lettuce's command
 * timeout, the agent's await-ms and retry backoff), then resumed.
 */
final class FaultInjector {
  /** Longer than the application's 500 ms Redis timeout and the agent's default await and first retries. */
  static final long PAUSE_MILLIS = 3_000;

  private FaultInjector() {}

  /** How long the writing instance keeps committing against a paused Redis before it is killed. */
  static final long WRITES_BEFORE_KILL_MILLIS = 1_000;

  /**
   * Waits out the run's write phase, injecting {@code fault} halfway. A killed instance is replaced in
   * {@code instances} by {@code replacement} (same journal directory, so it replays what the dead one left),
   * which is started and told to run for the rest of the phase.
   */
  static void inject(Fault fault, long durationMillis, RedisProcess redis, List<ApplicationProcess> instances,
      Callable<ApplicationProcess> replacement) throws Exception {
    long half = durationMillis / 2;
    Thread.sleep(half);
    switch (fault) {
      case NONE, STRATEGY_THROWS -> { }
      case REDIS_RESTART -> redis.restart();
      case REDIS_PAUSE -> {
        redis.pause();
        Thread.sleep(PAUSE_MILLIS);
        redis.resume();
      }
      case JVM_KILL -> {
        redis.pause();
        Thread.sleep(WRITES_BEFORE_KILL_MILLIS);
        instances.get(instances.size() - 1).kill();
        redis.resume();
        ApplicationProcess fresh = replacement.call();
        fresh.send("run " + Math.max(500, durationMillis - half));
        instances.set(instances.size() - 1, fresh);
      }
    }
    Thread.sleep(Math.max(0, durationMillis - half));
  }
}
