package dev.cacheinvalidation.bridge;

/**
 * A per-thread nesting counter for one kind of intercepted call.
 *
 * <p>A pool proxy calls the driver, {@code executeUpdate} calls {@code executeLargeUpdate}, {@code persist}
 * flushes: each layer is intercepted, yet the application made one call. Advice increments the counter on
 * entry and decrements it on exit; only the outermost call (depth 0 on entry) reports anything.
 *
 * <p>Thread-safety: each thread sees its own counter; instances are safe to share.
 */
public final class CallDepth {
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  /**
   * Enters one call: increments this thread's depth and returns the thread's counter itself, which the advice
   * keeps and hands to {@link #exit(int[])}, so a call looks up the thread-local once instead of twice.
   */
  public int[] enter() {
    int[] value = depth.get();
    value[0]++;
    return value;
  }

  /**
   * Leaves a call entered with {@link #enter()}: decrements the counter and returns whether the call was the
   * outermost. A null counter (the entry failed) is not the outermost call.
   */
  public static boolean exit(int[] counter) {
    if (counter == null || counter[0] <= 0) {
      return false;
    }
    return --counter[0] == 0;
  }

  /** Increments this thread's depth and returns its value before the increment (0 for the outermost call). */
  public int getAndIncrement() {
    return depth.get()[0]++;
  }

  /** Decrements this thread's depth and returns the new value (0 when the outermost call ends). */
  public int decrementAndGet() {
    int[] value = depth.get();
    if (value[0] > 0) {
      value[0]--;
    }
    return value[0];
  }
}
