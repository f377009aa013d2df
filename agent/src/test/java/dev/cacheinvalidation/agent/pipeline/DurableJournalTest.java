package dev.cacheinvalidation.agent.pipeline;

import static dev.cacheinvalidation.agent.pipeline.InvalidationDispatcherTest.appliedPatterns;
import static dev.cacheinvalidation.agent.pipeline.InvalidationDispatcherTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable journal within one JVM: a dispatcher closed with undelivered invalidations stands for a process
 * that died (its lock is released, its journal stays); the next dispatcher on the directory replays it. The
 * real kill -9 case is covered by the Redis fault integration test.
 */
class DurableJournalTest {
  @TempDir Path dir;
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    workers.shutdownNow();
    retries.shutdownNow();
  }

  private InvalidationDispatcher dispatcher(AgentStatistics statistics, Path durable) {
    InvalidationDispatcher dispatcher = new InvalidationDispatcher(statistics, workers, retries);
    dispatcher.useDurableDirectory(durable);
    return dispatcher;
  }

  private static Invalidation invalidation(long id, String... patterns) {
    return new Invalidation(id, "test", List.of("Name" + id), List.of(patterns), System.nanoTime());
  }

  private List<Path> files(String suffix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void undeliveredInvalidationsSurviveTheProcessAndAreReplayedByTheNext() throws Exception {
    RecordingStrategy down = new RecordingStrategy(false, Integer.MAX_VALUE);
    InvalidationDispatcher first = dispatcher(new AgentStatistics(), dir);
    first.prepare(List.of(down));
    first.dispatch(invalidation(1, "category:*"), List.of(down), 500);
    first.dispatch(invalidation(2, "post:*", "{tag}:*"), List.of(down), 500);
    assertEquals(1, files(".journal").size(), "the journal is written before dispatch returns");
    first.close(); // the process "dies": lock released, journal kept

    AgentStatistics statistics = new AgentStatistics();
    RecordingStrategy up = new RecordingStrategy(false, 0);
    InvalidationDispatcher next = dispatcher(statistics, dir);
    next.prepare(List.of(up));
    awaitTrue(() -> appliedPatterns(up).containsAll(Set.of("category:*", "post:*", "{tag}:*")));
    assertTrue(statistics.strategy("recording").replayed() >= 2);
    awaitTrue(() -> next.pending() == 0);
    awaitTrue(() -> {
      try {
        return files(".journal").isEmpty();
      } catch (Exception e) {
        return false;
      }
    });
    next.close();
    assertEquals(List.of(), files(".journal"));
    assertEquals(List.of(), files(".lock"));
  }

  @Test
  void aLiveProcessesJournalIsNotTaken() throws Exception {
    RecordingStrategy down = new RecordingStrategy(false, Integer.MAX_VALUE);
    InvalidationDispatcher alive = dispatcher(new AgentStatistics(), dir);
    alive.dispatch(invalidation(1, "category:*"), List.of(down), 500);
    assertEquals(1, files(".journal").size());
    // A second dispatcher in this JVM cannot lock the first one's journal, just as another live process could not.
    RecordingStrategy up = new RecordingStrategy(false, 0);
    InvalidationDispatcher other = dispatcher(new AgentStatistics(), dir);
    other.prepare(List.of(up));
    Thread.sleep(200);
    assertTrue(up.applied.isEmpty());
    assertEquals(1, files(".journal").size());
  }

  @Test
  void deliveredInvalidationsLeaveNoJournal() throws Exception {
    RecordingStrategy flaky = new RecordingStrategy(false, 1);
    InvalidationDispatcher dispatcher = dispatcher(new AgentStatistics(), dir);
    dispatcher.dispatch(invalidation(1, "category:*"), List.of(flaky), 500);
    awaitTrue(() -> dispatcher.pending() == 0 && !flaky.applied.isEmpty());
    assertEquals(List.of(), files(".journal"));
    dispatcher.close();
    assertEquals(List.of(), files(".lock"));
  }

  @Test
  void anUnwritableDirectoryIsReportedAndDeliveryGoesOn() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    RecordingStrategy flaky = new RecordingStrategy(false, 1);
    InvalidationDispatcher dispatcher = dispatcher(new AgentStatistics(), notADirectory.resolve("journal"));
    dispatcher.dispatch(invalidation(1, "category:*"), List.of(flaky), 500);
    awaitTrue(() -> dispatcher.pending() == 0 && !flaky.applied.isEmpty());
  }

  @Test
  void aTornLastRecordIsIgnoredAndEveryCompleteOneKept() {
    ByteBuffer one = JournalCodec.encode(new JournalCodec.Entry(1, List.of("Category"), List.of("category:*")));
    ByteBuffer two = JournalCodec.encode(new JournalCodec.Entry(2, List.of(), List.of("p\nost:*", "ünï:*")));
    byte[] file = concat(JournalCodec.MAGIC, one.array(), two.array());
    JournalCodec.Contents whole = JournalCodec.decode(ByteBuffer.wrap(file));
    assertEquals(2, whole.entries().size());
    assertEquals(List.of("p\nost:*", "ünï:*"), whole.entries().get(1).patterns());
    assertEquals(0, whole.tornBytes());
    for (int cut = 1; cut < two.array().length; cut++) {
      JournalCodec.Contents torn = JournalCodec.decode(ByteBuffer.wrap(Arrays.copyOf(file, file.length - cut)));
      assertEquals(1, torn.entries().size(), "cut " + cut);
      assertEquals(two.array().length - cut, torn.tornBytes());
    }
    byte[] flipped = file.clone();
    flipped[flipped.length - 3] ^= 1;
    assertEquals(1, JournalCodec.decode(ByteBuffer.wrap(flipped)).entries().size());
    assertFalse(JournalCodec.decode(ByteBuffer.wrap("not a journal".getBytes())).recognised());
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
