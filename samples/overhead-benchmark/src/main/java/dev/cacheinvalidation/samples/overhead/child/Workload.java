package dev.cacheinvalidation.samples.overhead.child;

/**
 * One measured operation (a prepared INSERT, a JPA {@code find}, ...), repeated by {@link BenchmarkChild}.
 *
 * <p>Not thread-safe: a workload is driven by one thread.
 */
abstract class Workload {
  private final String name;
  private final boolean writes;

  /**
   * @param name the name in the results table, e.g. {@code jdbc.insert}
   * @param writes whether the operation writes, so the agent invalidates after each one
   */
  Workload(String name, boolean writes) {
    this.name = name;
    this.writes = writes;
  }

  final String name() {
    return name;
  }

  final boolean writes() {
    return writes;
  }

  /** Performs the operation {@code count} times; this is the timed part. */
  abstract void run(int count) throws Exception;

  /** Called between iterations, untimed: keeps the database the same size from one iteration to the next. */
  void reset() throws Exception {}
}
