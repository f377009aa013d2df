package dev.cacheinvalidation.samples.staleness.run;

import java.util.List;

/**
 * One configuration the checker runs: which cache the application uses, who invalidates (the agent with these
 * arguments, or the application itself before commit, or nobody), how many application instances share the
 * database (and Redis), which fault is injected, and what the mode promises. Immutable.
 *
 * @param agentArguments the {@code -javaagent:...=<arguments>} string, or {@code null} to run without the agent
 * @param systemProperties extra {@code -D} settings for the agent ({@code %REDIS%} becomes the Redis URI)
 * @param settleMillis how long to wait after the agent reports nothing pending (covers delayed second deletes)
 */
record Mode(String name, String cache, String eviction, String agentArguments, List<String> systemProperties,
    int instances, Fault fault, Promise promise, int settleMillis, String description) {

  boolean usesRedis() {
    return cache.equals("redis") || (agentArguments != null && agentArguments.contains("redis"))
        || fault == Fault.REDIS_PAUSE || fault == Fault.REDIS_RESTART;
  }

  /** Every mode the checker knows, in report order. */
  static List<Mode> all() {
    List<String> none = List.of();
    return List.of(
        new Mode("caffeine", "caffeine", "agent", "strategy=caffeine", none, 1, Fault.NONE, Promise.REPORTED,
            100, "agent, Caffeine strategy (local, applied before commit() returns)"),
        new Mode("baseline-before-commit", "caffeine", "before-commit", null, none, 1, Fault.NONE, Promise.STALE,
            100, "no agent; the application evicts just before commit (reference design's timing)"),
        new Mode("baseline-none", "caffeine", "none", null, none, 1, Fault.NONE, Promise.STALE, 100,
            "no agent, no eviction"),
        new Mode("baseline-before-commit-redis", "redis", "before-commit", null, none, 2, Fault.NONE,
            Promise.STALE, 100, "no agent; two instances evict from shared Redis just before commit"));
  }
}
