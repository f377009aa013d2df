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
