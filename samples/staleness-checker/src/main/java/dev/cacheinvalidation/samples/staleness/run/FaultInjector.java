package dev.cacheinvalidation.samples.staleness.run;

import java.util.List;

/**
 * Injects a run's fault in the middle of its write phase and returns once the write phase is over (so the
 * caller can wait for quiescing). Redis is paused for longer than every client timeout (lettuce's command
 * timeout, the agent's await-ms and retry backoff), then resumed.
 */
final class FaultInjector {
  /** Longer than the application's 500 ms Redis timeout and the agent's default await and first retries. */
  static final long PAUSE_MILLIS = 3_000;

  private FaultInjector() {}

  static void inject(Fault fault, long durationMillis, RedisProcess redis, List<ApplicationProcess> instances)
      throws Exception {
    long half = durationMillis / 2;
    Thread.sleep(half);
    switch (fault) {
      case NONE -> { }
      case REDIS_RESTART -> redis.restart();
      case REDIS_PAUSE -> {
        redis.pause();
        Thread.sleep(PAUSE_MILLIS);
        redis.resume();
      }
      case JVM_KILL -> instances.get(instances.size() - 1).kill();
    }
    Thread.sleep(Math.max(0, durationMillis - half));
  }
}
