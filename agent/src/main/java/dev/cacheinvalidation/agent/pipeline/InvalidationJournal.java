package dev.cacheinvalidation.agent.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's durable journal for one strategy: {@code <dir>/<strategy>@<pid>-<start>-<n>.journal}, guarded by
 * an exclusive OS lock on the sibling {@code .lock} file for as long as the process lives. The lock is what
 * tells a later process that the journal's owner is dead and its records are to be replayed (see
 * {@link JournalRecovery}); the OS releases it however the process ends, {@code kill -9} included.
 *
 * <p>Durability: {@link #append} hands the record to the operating system with one {@code write} before it
 * returns, so a process crash loses nothing appended; {@link #forceIfDirty} (called every
 * {@value #FORCE_INTERVAL_MILLIS} ms) makes it survive a machine crash as well. {@link #rewrite} (compaction)
 * writes a temporary file, forces it and renames it over the journal, so the journal on disk is always either
 * the old or the new content. Thread-safe (synchronized).
 */
final class InvalidationJournal {
  static final long FORCE_INTERVAL_MILLIS = 200;
  static final String JOURNAL_SUFFIX = ".journal";
  static final String LOCK_SUFFIX = ".lock";
  static final String TEMPORARY_SUFFIX = ".journal.tmp";

  /** With the pid, names this process uniquely even when the OS reuses pids. */
  private static final String PROCESS_START = Long.toHexString(System.currentTimeMillis());
  private static final AtomicLong OPENED = new AtomicLong();

  private final Path journal;
  private final Path temporary;
  private final Path lockFile;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private FileChannel channel;
  private boolean dirty;
  private long records;

  private InvalidationJournal(Path directory, String base, FileChannel lockChannel, FileLock lock) {
    this.journal = directory.resolve(base + JOURNAL_SUFFIX);
    this.temporary = directory.resolve(base + TEMPORARY_SUFFIX);
    this.lockFile = directory.resolve(base + LOCK_SUFFIX);
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the directory if needed and takes this process's lock; the journal file appears on first append. */
  static InvalidationJournal open(Path directory, String strategy) throws IOException {
    Files.createDirectories(directory);
    String base = strategy + "@" + ProcessHandle.current().pid() + "-" + PROCESS_START + "-"
        + OPENED.incrementAndGet();
    Path lockFile = directory.resolve(base + LOCK_SUFFIX);
    FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("the lock file " + lockFile + " is held by another process");
    }
    return new InvalidationJournal(directory, base, lockChannel, lock);
  }

  /** The file's name without suffix: what recovery skips as its own. */
  String baseName() {
    String name = journal.getFileName().toString();
    return name.substring(0, name.length() - JOURNAL_SUFFIX.length());
  }

  Path path() {
    return journal;
  }

  synchronized long records() {
    return records;
  }

  /** Appends one record with a single write; it reaches the OS before this returns. */
  synchronized void append(JournalCodec.Entry entry) throws IOException {
    if (channel == null) {
      channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      if (channel.size() == 0) {
        writeFully(channel, ByteBuffer.wrap(JournalCodec.MAGIC));
      }
    }
    writeFully(channel, JournalCodec.encode(entry));
    records++;
    dirty = true;
  }

  /** Replaces the journal's content with {@code entries} atomically; an empty list deletes the file. */
  synchronized void rewrite(List<JournalCodec.Entry> entries) throws IOException {
    closeChannel();
    if (entries.isEmpty()) {
      Files.deleteIfExists(journal);
      records = 0;
      dirty = false;
      return;
    }
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(out, ByteBuffer.wrap(JournalCodec.MAGIC));
      for (JournalCodec.Entry entry : entries) {
        writeFully(out, JournalCodec.encode(entry));
      }
      out.force(true);
    }
    Files.move(temporary, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    records = entries.size();
    dirty = false;
  }

  /** Forces appended records to the device (the periodic fsync). */
  synchronized void forceIfDirty() throws IOException {
    if (dirty && channel != null) {
      channel.force(false);
      dirty = false;
    }
  }

  /**
   * Releases the lock. With {@code keepRecords} the journal stays for the next process to replay; otherwise
   * the journal and the lock file are deleted.
   */
  synchronized void close(boolean keepRecords) {
    try {
      if (keepRecords) {
        forceIfDirty();
      }
      closeChannel();
      if (!keepRecords) {
        Files.deleteIfExists(journal);
        Files.deleteIfExists(temporary);
        Files.deleteIfExists(lockFile);
      }
      lock.release();
      lockChannel.close();
    } catch (IOException | RuntimeException ignored) {
      // Shutting down; whatever stays on disk is replayed or cleaned up by the next process.
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
