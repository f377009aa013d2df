package dev.cacheinvalidation.samples.staleness.run;

/** A fault the checker injects in the middle of a run's write phase (see {@link FaultInjector}). */
enum Fault {
  NONE("-"),
  /** A second strategy whose Redis does not exist: it throws on every invalidation. */
  STRATEGY_THROWS("a strategy throws"),
  /** redis-server killed and started again on the same port (empty: nothing persisted). */
  REDIS_RESTART("redis restarted"),
  /** redis-server stopped with SIGSTOP past every client timeout, then resumed with SIGCONT. */
  REDIS_PAUSE("redis paused"),
  /** The writing instance killed with SIGKILL while Redis is paused (its invalidations undelivered). */
  JVM_KILL("JVM killed");

  final String label;

  Fault(String label) {
    this.label = label;
  }
}
