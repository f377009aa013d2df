package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InvalidationDispatcherTest {
  private final AgentStatistics statistics = new AgentStatistics();
  private final InvalidationDispatcher dispatcher = new InvalidationDispatcher(statistics,
      Executors.newFixedThreadPool(2), Executors.newSingleThreadScheduledExecutor());

  private Invalidation invalidation(String... patterns) {
    return new Invalidation(dispatcher.nextId(), "test", List.of(), List.of(patterns), System.nanoTime());
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean());
  }

  static Set<String> appliedPatterns(RecordingStrategy strategy) {
    Set<String> out = new TreeSet<>();
    strategy.applied.forEach(applied -> out.addAll(applied.patterns()));
    return out;
  }

  @Test
  void aFailedInvalidationIsRetriedUntilItIsApplied() throws Exception {
    RecordingStrategy strategy = new RecordingStrategy(false, 3);
    dispatcher.dispatch(invalidation("category:*"), List.of(strategy), 1_000);
    dispatcher.dispatch(invalidation("post:*"), List.of(strategy), 1_000);
    awaitTrue(() -> dispatcher.pending() == 0 && appliedPatterns(strategy).size() == 2);
    assertEquals(Set.of("category:*", "post:*"), appliedPatterns(strategy));
    assertTrue(statistics.invalidationFailures() >= 1);
    assertTrue(statistics.retriesByStrategy().get("recording") >= 1);
    assertEquals(0, dispatcher.pendingByStrategy().get("recording"));
  }

  @Test
  void overflowWidensToEverythingSoNothingIsLost() throws Exception {
    RecordingStrategy strategy = new RecordingStrategy(true, 1);
    PendingPatterns pending = new PendingPatterns(3);
    assertFalse(pending.add(List.of(), List.of("a:*", "b:*")));
    assertTrue(pending.add(List.of(), List.of("c:*", "d:*")));
    assertEquals(List.of("*"), pending.takeAll(1).patterns());
    dispatcher.dispatch(invalidation("x:*"), List.of(strategy), 0);
    awaitTrue(() -> strategy.applied.size() == 1);
    assertEquals(List.of("x:*"), strategy.applied.get(0).patterns());
  }

  @Test
  void aRetryIsTimedFromTheEarliestCommitItCovers() {
    PendingPatterns pending = new PendingPatterns(10);
    pending.add(new Invalidation(1, "t", List.of(), List.of("b:*"), 2_000));
    pending.add(new Invalidation(2, "t", List.of(), List.of("a:*"), 1_000));
    assertEquals(1_000, pending.takeAll(3).committedAtNanos());
  }

  @Test
  void localStrategiesRunOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[1];
    dispatcher.dispatch(invalidation("a:*"), List.of(new RecordingStrategy(true, 0) {
      @Override
      public long apply(Invalidation invalidation) {
        ranOn[0] = Thread.currentThread();
        return 0;
      }
    }), 0);
    assertEquals(caller, ranOn[0]);
  }

  @Test
  void aHungStrategyReleasesTheCommittingThreadAfterAwait() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingStrategy hung = blockingStrategy(release);
    dispatcher.dispatch(invalidation("a:*"), List.of(hung), 20);
    // dispatch returned although the strategy is still blocked: the commit did not wait for it.
    assertEquals(1, release.getCount());
    assertEquals(1, dispatcher.pending());
    release.countDown();
    awaitTrue(() -> dispatcher.pending() == 0);
    assertEquals(Set.of("a:*"), appliedPatterns(hung));
  }

  @Test
  void aSaturatedWorkerPoolNeverBlocksAndNeverDrops() throws Exception {
    ThreadPoolExecutor oneSlot = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    InvalidationDispatcher saturated = new InvalidationDispatcher(statistics, oneSlot,
        Executors.newSingleThreadScheduledExecutor());
    CountDownLatch release = new CountDownLatch(1);
    RecordingStrategy hung = blockingStrategy(release);
    for (int i = 0; i < 20; i++) {
      saturated.dispatch(new Invalidation(i, "test", List.of(), List.of("k" + i + ":*"), System.nanoTime()),
          List.of(hung), 0);
    }
    assertEquals(1, release.getCount());
    assertTrue(saturated.pending() > 0);
    release.countDown();
    awaitTrue(() -> saturated.pending() == 0 && appliedPatterns(hung).size() == 20);
    oneSlot.shutdown();
  }

  @Test
  void aFailingStrategyIsNotAttemptedOnTheCommittingThread() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    RecordingStrategy down = new RecordingStrategy(false, Integer.MAX_VALUE) {
      @Override
      public long apply(Invalidation invalidation) {
        attempts.incrementAndGet();
        return super.apply(invalidation);
      }
    };
    dispatcher.dispatch(invalidation("first:*"), List.of(down), 1_000);
    awaitTrue(() -> statistics.invalidationFailures() >= 1);
    int before = attempts.get();
    for (int i = 0; i < 200; i++) {
      dispatcher.dispatch(invalidation("n" + i + ":*"), List.of(down), 1_000);
    }
    // 200 commits while failing: at most the retry loop's few probes, not one attempt per commit.
    assertTrue(attempts.get() - before < 50, "attempts while failing: " + (attempts.get() - before));
    assertTrue(dispatcher.pending() > 0);
    down.failuresLeft.set(0);
    awaitTrue(() -> dispatcher.pending() == 0);
    assertEquals(201, appliedPatterns(down).size());
    StrategyStatistics recorded = statistics.strategy("recording");
    assertTrue(recorded.invalidations() >= 1);
    assertTrue(recorded.latencyP99Millis() >= recorded.latencyP50Millis());
  }

  private static RecordingStrategy blockingStrategy(CountDownLatch release) {
    return new RecordingStrategy(false, 0) {
      @Override
      public long apply(Invalidation invalidation) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.apply(invalidation);
      }
    };
  }
}
