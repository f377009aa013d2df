package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class InvalidationDispatcherTest {
  private final AgentStatistics statistics = new AgentStatistics();
  private final InvalidationDispatcher dispatcher = new InvalidationDispatcher(statistics,
      Executors.newFixedThreadPool(2), Executors.newSingleThreadScheduledExecutor());

  private Invalidation invalidation(String... patterns) {
    return new Invalidation(dispatcher.nextId(), "test", List.of(), List.of(patterns), System.nanoTime());
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean());
  }

  @Test
  void aFailedInvalidationIsRetriedUntilItIsApplied() throws Exception {
    RecordingStrategy strategy = new RecordingStrategy(false, 3);
    dispatcher.dispatch(invalidation("category:*"), List.of(strategy), 1_000);
    dispatcher.dispatch(invalidation("post:*"), List.of(strategy), 1_000);
    awaitTrue(() -> dispatcher.pending() == 0 && !strategy.applied.isEmpty());
    List<String> applied = strategy.applied.stream().flatMap(i -> i.patterns().stream()).toList();
    assertTrue(applied.containsAll(List.of("category:*", "post:*")), applied.toString());
    assertEquals(3, statistics.invalidationFailures());
    assertTrue(statistics.retriesByStrategy().get("recording") >= 1);
  }

  @Test
  void overflowWidensToEverythingSoNothingIsLost() throws Exception {
    RecordingStrategy strategy = new RecordingStrategy(true, 1);
    PendingPatterns pending = new PendingPatterns(3);
    assertTrue(!pending.add(List.of(), List.of("a:*", "b:*")));
    assertTrue(pending.add(List.of(), List.of("c:*", "d:*")));
    assertEquals(List.of("*"), pending.takeAll(1).patterns());
    dispatcher.dispatch(invalidation("x:*"), List.of(strategy), 0);
    awaitTrue(() -> strategy.applied.size() == 1);
    assertEquals(List.of("x:*"), strategy.applied.get(0).patterns());
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
}
