package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A strategy that records what it is asked to do and fails the first {@code failures} times. */
class RecordingStrategy implements InvalidationStrategy {
  final List<Invalidation> applied = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft;
  private final boolean local;

  RecordingStrategy(boolean local, int failures) {
    this.local = local;
    this.failuresLeft = new AtomicInteger(failures);
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public boolean isLocal() {
    return local;
  }

  @Override
  public long apply(Invalidation invalidation) {
    if (failuresLeft.getAndDecrement() > 0) {
      throw new IllegalStateException("down");
    }
    applied.add(invalidation);
    return invalidation.patterns().size();
  }
}
