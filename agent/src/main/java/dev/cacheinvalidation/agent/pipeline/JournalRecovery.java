package dev.cacheinvalidation.agent.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the journals that dead processes left for one strategy and reads them back.
 *
 * <p>A journal belongs to a dead process when its {@code .lock} file can be locked: a live owner holds that
 * lock for its whole life, and the OS releases it when the owner dies in any way. The recovering process keeps
 * the lock while it takes the records over, so two processes starting together never replay the same file
 * twice. Stateless; thread-safe.
 */
final class JournalRecovery {
  private JournalRecovery() {}

  /** The records of one dead process's journal, and the way to delete it once they are safe elsewhere. */
  static final class Orphan {
    final Path journal;
    final JournalCodec.Contents contents;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Orphan(Path journal, JournalCodec.Contents contents, Path lockFile, FileChannel lockChannel,
        FileLock lock) {
      this.journal = journal;
      this.contents = contents;
      this.lockFile = lockFile;
      this.lockChannel = lockChannel;
      this.lock = lock;
    }

    /** Deletes the journal and its lock file (call once its records are in this process's journal). */
    void delete() {
      try {
        Files.deleteIfExists(journal);
        String name = journal.getFileName().toString();
        Files.deleteIfExists(journal.resolveSibling(
            name.substring(0, name.length() - InvalidationJournal.JOURNAL_SUFFIX.length())
                + InvalidationJournal.TEMPORARY_SUFFIX));
        Files.deleteIfExists(lockFile);
      } catch (IOException | RuntimeException ignored) {
        // A leftover file is retried by the next process.
      } finally {
        release();
      }
    }

    /** Lets go of the file without deleting it (the records could not be taken over). */
    void release() {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException | RuntimeException ignored) {
        // Nothing more to do.
      }
    }
  }

  /**
   * Locks and reads every journal of {@code strategy} in {@code directory} whose owner is dead, other than
   * {@code ownBase}. Files that cannot be read are left alone.
   */
  static List<Orphan> orphans(Path directory, String strategy, String ownBase) throws IOException {
    List<Orphan> out = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return out;
    }
    for (String base : bases(directory, strategy + "@")) {
      if (base.equals(ownBase)) {
        continue;
      }
      Orphan orphan = claim(directory, base);
      if (orphan != null) {
        out.add(orphan);
      }
    }
    return out;
  }

  private static Set<String> bases(Path directory, String prefix) throws IOException {
    Set<String> bases = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(InvalidationJournal.LOCK_SUFFIX)) {
          bases.add(name.substring(0, name.length() - InvalidationJournal.LOCK_SUFFIX.length()));
        } else if (name.endsWith(InvalidationJournal.JOURNAL_SUFFIX)) {
          bases.add(name.substring(0, name.length() - InvalidationJournal.JOURNAL_SUFFIX.length()));
        }
      }
    }
    return bases;
  }

  private static Orphan claim(Path directory, String base) throws IOException {
    Path lockFile = directory.resolve(base + InvalidationJournal.LOCK_SUFFIX);
    FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      return null;
    }
    Path journal = directory.resolve(base + InvalidationJournal.JOURNAL_SUFFIX);
    try {
      JournalCodec.Contents contents = Files.exists(journal)
          ? JournalCodec.decode(ByteBuffer.wrap(Files.readAllBytes(journal)))
          : new JournalCodec.Contents(List.of(), 0, true);
      return new Orphan(journal, contents, lockFile, lockChannel, lock);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }
}
