package dev.cacheinvalidation.samples.staleness.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * N reader threads doing cache-aside reads (cache, then the database on a miss, then a put) and M writer
 * threads committing or rolling back version increments of random rows through random write paths, until
 * {@link #stop()}. A reader sleeps up to {@code readDelayMicros} between its database read and its put, as a
 * GC pause or a slow serializer would: that gap is where a stale set happens. Counters are thread-safe.
 */
final class Workload {
  /** A reader's pause between two reads: readers are paced, not spinning, so writers get the CPU. */
  private static final long READ_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final DataSource dataSource;
  private final ItemCache cache;
  private final Eviction eviction;
  private final InvalidationWindowProbe probe;
  private final int keys;
  private final int rollbackPercent;
  private final int readDelayMicros;
  private final AtomicBoolean writersStopped = new AtomicBoolean();
  private final AtomicBoolean readersStopped = new AtomicBoolean();
  private final List<Thread> readerThreads = new ArrayList<>();
  private final List<Thread> writerThreads = new ArrayList<>();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong misses = new AtomicLong();
  final AtomicLong commits = new AtomicLong();
  final AtomicLong rollbacks = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicReference<String> firstError = new AtomicReference<>("");

  Workload(DataSource dataSource, ItemCache cache, Eviction eviction, InvalidationWindowProbe probe, int keys,
      int rollbackPercent, int readDelayMicros) {
    this.dataSource = dataSource;
    this.cache = cache;
    this.eviction = eviction;
    this.probe = probe;
    this.keys = keys;
    this.rollbackPercent = rollbackPercent;
    this.readDelayMicros = readDelayMicros;
  }

  /** Starts the readers, and one writer thread per element of {@code writerPaths} (its opened write paths). */
  void start(int readers, List<List<ItemWriter>> writerPaths, long seed) {
    for (int i = 0; i < readers; i++) {
      Random random = new Random(seed * 1_000 + i);
      readerThreads.add(new Thread(() -> guarded(() -> read(random)), "reader-" + i));
    }
    for (int i = 0; i < writerPaths.size(); i++) {
      Random random = new Random(seed * 1_000 + 500 + i);
      List<ItemWriter> paths = writerPaths.get(i);
      writerThreads.add(new Thread(() -> guarded(() -> write(random, paths)), "writer-" + i));
    }
    readerThreads.forEach(Thread::start);
    writerThreads.forEach(Thread::start);
  }

  /**
   * Stops the writers and waits for their last commits, then stops the readers. Readers stay active through
   * the final commits on purpose: stopping them first would hide the stale-set race of the last write.
   */
  void stop() throws InterruptedException {
    writersStopped.set(true);
    for (Thread thread : writerThreads) {
      thread.join();
    }
    readersStopped.set(true);
    for (Thread thread : readerThreads) {
      thread.join();
    }
  }

  private interface Loop {
    void run() throws Exception;
  }

  private void guarded(Loop loop) {
    try {
      loop.run();
    } catch (Exception e) {
      errors.incrementAndGet();
      firstError.compareAndSet("", e.toString());
    }
  }

  private void read(Random random) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("select version from item where id = ?")) {
      while (!readersStopped.get()) {
        LockSupport.parkNanos(READ_PAUSE_NANOS);
        long id = random.nextInt(keys);
        String key = "item:" + id;
        reads.incrementAndGet();
        String slot = cache.slot(key);
        if (cache.get(slot) != null) {
          continue;
        }
        misses.incrementAndGet();
        select.setLong(1, id);
        long version;
        try (ResultSet row = select.executeQuery()) {
          row.next();
          version = row.getLong(1);
        }
        if (readDelayMicros > 0) {
          LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(readDelayMicros)));
        }
        cache.put(slot, Long.toString(version));
      }
    }
  }

  private void write(Random random, List<ItemWriter> writers) {
    while (!writersStopped.get()) {
      long id = random.nextInt(keys);
      String key = "item:" + id;
      ItemWriter writer = writers.get(random.nextInt(writers.size()));
      boolean commit = random.nextInt(100) >= rollbackPercent;
      Runnable beforeCommit = eviction == Eviction.BEFORE_COMMIT ? () -> cache.evict(key) : () -> {};
      long version;
      try {
        version = writer.write(id, commit, beforeCommit);
      } catch (Exception e) {
        // A lock timeout or a failed path is counted and the run goes on; the checker reports errors.
        errors.incrementAndGet();
        firstError.compareAndSet("", e.toString());
        continue;
      }
      long committedNanos = System.nanoTime();
      if (version == ItemWriter.ROLLED_BACK) {
        rollbacks.incrementAndGet();
      } else {
        commits.incrementAndGet();
        if (eviction != Eviction.NONE) {
          probe.committed(key, version, committedNanos);
        }
      }
    }
  }
}
