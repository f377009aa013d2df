package dev.cacheinvalidation.samples.staleness.run;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration the checker runs: which cache the application uses, who invalidates (the agent with a
 * strategy, or the application itself before commit, or nobody), how many application instances share the
 * database (and Redis), which fault is injected, and what the mode promises. Immutable.
 *
 * @param strategy the agent's {@code strategy=} value, or {@code null} to run without the agent
 * @param systemProperties extra agent settings, without the {@code -D}
 * @param redis whether the checker starts a Redis for this mode
 * @param settleMillis how long to wait after the agent reports nothing pending (covers delayed second deletes)
 * @param requires {@code ConfigKeys} fields the built agent must use for the mode to run (else: not run)
 */
record Mode(String name, String cache, String eviction, String strategy, List<String> systemProperties,
    boolean redis, int instances, Fault fault, Promise promise, int settleMillis, List<String> requires) {

  /** The delay of the second delete: longer than a reader's database-read-to-put gap on a loaded machine. */
  static final int DELETE_AGAIN_MILLIS = 200;

  /** Every mode the checker knows, in report order. */
  static List<Mode> all() {
    List<Mode> modes = new ArrayList<>();
    List<String> none = List.of();
    String deleteAgain = "invalidation.redis.delete-again-after-ms=" + DELETE_AGAIN_MILLIS;
    // Shorter than the pause, so the agent's Redis commands really fail and are retried.
    String shortTimeout = "invalidation.redis.timeout-ms=1000";
    modes.add(new Mode("caffeine", "caffeine", "agent", "caffeine", none, false, 1, Fault.NONE,
        Promise.REPORTED, 100, none));
    modes.add(new Mode("caffeine-delete-again", "caffeine", "agent", "caffeine",
        List.of("invalidation.caffeine.delete-again-after-ms=" + DELETE_AGAIN_MILLIS), false, 1, Fault.NONE,
        Promise.FRESH, 3 * DELETE_AGAIN_MILLIS, List.of("CAFFEINE_DELETE_AGAIN_AFTER_MS")));
    modes.add(new Mode("caffeine-strategy-throws", "caffeine", "agent", "caffeine,redis-pattern",
        List.of("invalidation.redis.uri=redis://127.0.0.1:1/0", "invalidation.redis.timeout-ms=200"), false, 1,
        Fault.STRATEGY_THROWS, Promise.REPORTED, 100, none));
    modes.add(new Mode("caffeine-broadcast", "caffeine", "agent", "caffeine",
        List.of("invalidation.caffeine.broadcast=true"), true, 2, Fault.NONE, Promise.REPORTED, 300,
        List.of("CAFFEINE_BROADCAST")));
    modes.add(new Mode("redis-pattern", "redis", "agent", "redis-pattern", none, true, 2, Fault.NONE,
        Promise.REPORTED, 300, none));
    modes.add(new Mode("redis-pattern-delete-again", "redis", "agent", "redis-pattern", List.of(deleteAgain),
        true, 2, Fault.NONE, Promise.FRESH, 3 * DELETE_AGAIN_MILLIS, List.of("REDIS_DELETE_AGAIN_AFTER_MS")));
    modes.add(new Mode("versioning", "versioned-redis", "agent", "versioning", none, true, 2, Fault.NONE,
        Promise.FRESH, 300, List.of("VERSIONING_KEY")));
    for (Fault fault : List.of(Fault.REDIS_RESTART, Fault.REDIS_PAUSE)) {
      String suffix = fault == Fault.REDIS_RESTART ? "-restart" : "-pause";
      modes.add(new Mode("redis-pattern-delete-again" + suffix, "redis", "agent", "redis-pattern",
          List.of(deleteAgain, shortTimeout), true, 2, fault, Promise.FRESH, 3 * DELETE_AGAIN_MILLIS,
          List.of("REDIS_DELETE_AGAIN_AFTER_MS")));
      modes.add(new Mode("versioning" + suffix, "versioned-redis", "agent", "versioning", List.of(shortTimeout),
          true, 2, fault, Promise.FRESH, 300, List.of("VERSIONING_KEY")));
    }
    modes.add(new Mode("redis-pattern-delete-again-kill-journal", "redis", "agent", "redis-pattern",
        List.of(deleteAgain, shortTimeout, "invalidation.durable.dir=%JOURNAL%"), true, 2, Fault.JVM_KILL,
        Promise.FRESH, 3 * DELETE_AGAIN_MILLIS, List.of("REDIS_DELETE_AGAIN_AFTER_MS", "DURABLE_DIR")));
    modes.add(new Mode("redis-pattern-kill-no-journal", "redis", "agent", "redis-pattern",
        List.of(deleteAgain, shortTimeout), true, 2, Fault.JVM_KILL, Promise.REPORTED, 3 * DELETE_AGAIN_MILLIS,
        List.of("REDIS_DELETE_AGAIN_AFTER_MS")));
    modes.add(new Mode("baseline-before-commit", "caffeine", "before-commit", null, none, false, 1, Fault.NONE,
        Promise.STALE, 100, none));
    modes.add(new Mode("baseline-none", "caffeine", "none", null, none, false, 1, Fault.NONE, Promise.STALE, 100,
        none));
    modes.add(new Mode("baseline-before-commit-redis", "redis", "before-commit", null, none, true, 2, Fault.NONE,
        Promise.STALE, 100, none));
    return modes;
  }
}
