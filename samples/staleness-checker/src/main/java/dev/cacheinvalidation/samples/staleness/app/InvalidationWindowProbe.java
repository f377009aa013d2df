package dev.cacheinvalidation.samples.staleness.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the window from {@code commit()} returning to the invalidation being applied, seen from the
 * application: the first moment the cache no longer holds a version older than the committed one (the entry is
 * gone, or a reader has already put the new row). The writer checks once right after its commit; a write still
 * covered by an old entry is handed to this probe's thread, which polls every ~100 µs until the entry goes or
 * the timeout passes (then it counts as unobserved). Thread-safe.
 */
final class InvalidationWindowProbe {
  private static final int MAX_PENDING = 2_000;

  private record Pending(String key, long version, long committedNanos) {}

  private final ItemCache cache;
  private final long timeoutNanos;
  private final ConcurrentLinkedQueue<Pending> handedOver = new ConcurrentLinkedQueue<>();
  private final List<Long> windowsMicros = new ArrayList<>();
  private final AtomicLong unobserved = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Thread thread;

  InvalidationWindowProbe(ItemCache cache, long timeoutMillis) {
    this.cache = cache;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.thread = new Thread(this::poll, "window-probe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called by a writer right after its commit returned at {@code committedNanos}. */
  void committed(String key, long version, long committedNanos) {
    if (isApplied(key, version)) {
      record(System.nanoTime() - committedNanos);
    } else if (handedOver.size() < MAX_PENDING) {
      handedOver.add(new Pending(key, version, committedNanos));
    } else {
      dropped.incrementAndGet();
    }
  }

  /** Waits until every handed-over write is resolved (applied or timed out). */
  void drain() throws InterruptedException {
    draining.set(true);
    thread.join();
  }

  synchronized List<Long> windowsMicros() {
    return new ArrayList<>(windowsMicros);
  }

  long unobserved() {
    return unobserved.get();
  }

  long dropped() {
    return dropped.get();
  }

  private boolean isApplied(String key, long version) {
    String cached = cache.get(cache.slot(key));
    return cached == null || Long.parseLong(cached) >= version;
  }

  private synchronized void record(long nanos) {
    windowsMicros.add(TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  private void poll() {
    List<Pending> open = new ArrayList<>();
    while (!(draining.get() && open.isEmpty() && handedOver.isEmpty())) {
      for (Pending next; (next = handedOver.poll()) != null; ) {
        open.add(next);
      }
      long now = System.nanoTime();
      open.removeIf(pending -> {
        if (isApplied(pending.key(), pending.version())) {
          record(System.nanoTime() - pending.committedNanos());
          return true;
        }
        if (now - pending.committedNanos() > timeoutNanos) {
          unobserved.incrementAndGet();
          return true;
        }
        return false;
      });
      LockSupport.parkNanos(100_000);
    }
  }
}
