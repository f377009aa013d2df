package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.logging.AgentLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One strategy's use of {@code invalidation.durable.dir}: this process's {@link InvalidationJournal}, or
 * nothing when the key is unset or the directory turned out unusable. An I/O failure is reported once, naming
 * the key, and switches durability off for that strategy; it never reaches the application. Compacts the
 * journal to what is still undelivered when it grows past {@value #COMPACT_AFTER_RECORDS} records.
 *
 * <p>Not thread-safe: the owning {@link StrategyDelivery} calls it holding its own monitor, except for
 * {@link #force}, which only touches the (synchronized) journal.
 */
final class DurableJournal {
  private static final Logger log = AgentLog.get(DurableJournal.class);
  static final long COMPACT_AFTER_RECORDS = 2_000;

  private final String strategy;
  private volatile InvalidationJournal journal;
  private Path directory;

  DurableJournal(String strategy) {
    this.strategy = strategy;
  }

  boolean isOn() {
    return journal != null;
  }

  /** Opens this process's journal in {@code dir}; returns its base name, or null when it cannot be used. */
  String open(Path dir) {
    this.directory = dir;
    try {
      InvalidationJournal opened = InvalidationJournal.open(dir, strategy);
      journal = opened;
      return opened.baseName();
    } catch (IOException | RuntimeException e) {
      unusable(e);
      return null;
    }
  }

  /** Appends a record; compacts to {@code undelivered} when the file has grown long. */
  void append(Invalidation invalidation, Supplier<List<JournalCodec.Entry>> undelivered) {
    append(entry(invalidation), undelivered);
  }

  void append(JournalCodec.Entry entry, Supplier<List<JournalCodec.Entry>> undelivered) {
    InvalidationJournal current = journal;
    if (current == null) {
      return;
    }
    try {
      current.append(entry);
      if (current.records() > COMPACT_AFTER_RECORDS) {
        current.rewrite(undelivered.get());
      }
    } catch (IOException | RuntimeException e) {
      unusable(e);
    }
  }

  /** Rewrites the journal to {@code undelivered} (deleting it when empty), if it holds anything. */
  void compact(Supplier<List<JournalCodec.Entry>> undelivered) {
    InvalidationJournal current = journal;
    if (current == null || current.records() == 0) {
      return;
    }
    try {
      current.rewrite(undelivered.get());
    } catch (IOException | RuntimeException e) {
      unusable(e);
    }
  }

  /** The periodic fsync. */
  void force() {
    InvalidationJournal current = journal;
    if (current == null) {
      return;
    }
    try {
      current.forceIfDirty();
    } catch (IOException | RuntimeException e) {
      unusable(e);
    }
  }

  /** Releases the lock, keeping the journal for the next process when something is undelivered. */
  void close(boolean somethingUndelivered) {
    InvalidationJournal current = journal;
    journal = null;
    if (current != null) {
      current.close(somethingUndelivered);
    }
  }

  /** Reports an unusable directory (once) and carries on without durability. */
  void unusable(Exception e) {
    InvalidationJournal current = journal;
    journal = null;
    if (current != null) {
      current.close(true);
    }
    log.warn("{}: cannot keep the journal of strategy {} in '{}' ({}); undelivered invalidations are kept in "
        + "memory only and do not survive a crash", ConfigKeys.DURABLE_DIR.propertyName(), strategy, directory,
        e.toString());
  }

  static JournalCodec.Entry entry(Invalidation invalidation) {
    long ageMillis = invalidation.timed()
        ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - invalidation.committedAtNanos()) : 0;
    return new JournalCodec.Entry(System.currentTimeMillis() - ageMillis, invalidation.names(),
        invalidation.patterns());
  }
}
