package dev.cacheinvalidation.samples.staleness.run;

/** A fault the checker injects in the middle of a run's write phase. */
enum Fault {
  NONE("-"),
  /** redis-server killed and started again on the same port (empty: nothing persisted). */
  REDIS_RESTART("redis restarted"),
  /** redis-server stopped with SIGSTOP past every client timeout, then resumed with SIGCONT. */
  REDIS_PAUSE("redis paused"),
  /** One application instance killed with SIGKILL; the other goes on. */
  JVM_KILL("JVM killed");

  final String label;

  Fault(String label) {
    this.label = label;
  }
}
