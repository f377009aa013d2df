package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Everything that makes sure invalidations reach one strategy: attempts, the bounded coalescing queue of
 * undelivered patterns ({@link PendingPatterns}), retries with capped exponential backoff, and, for a remote
 * strategy with {@code invalidation.durable.dir} set, this process's journal of what is undelivered.
 *
 * <p>While the strategy is failing, new invalidations are not attempted on the committing thread at all:
 * they join the pending set (and the journal) at once, so an outage costs the application nothing, and the
 * retry loop alone probes the strategy. Thread-safety: the pending set, the journal and the failure state
 * change together under this object's monitor; strategy calls are made outside it.
 */
final class StrategyDelivery {
  private static final Logger log = AgentLog.get(StrategyDelivery.class);
  static final int PENDING_CAPACITY = 10_000;
  private static final long FIRST_RETRY_MILLIS = 50;
  /** Kept short so that every pending invalidation is applied within about a second of a recovery. */
  private static final long MAX_RETRY_MILLIS = 1_000;

  private final InvalidationStrategy strategy;
  private final AgentStatistics statistics;
  private final ScheduledExecutorService retries;
  private final LongSupplier ids;
  private final StrategyStatistics strategyStatistics;
  private final PendingPatterns pending = new PendingPatterns(PENDING_CAPACITY);
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Attempts still running after their committing thread stopped waiting: the strategy is slow or hung. */
  private final AtomicInteger overdue = new AtomicInteger();
  /** Submitted invalidations that the committing thread journaled because they were not applied in time. */
  private final Set<InFlight> journaledInFlight = new LinkedHashSet<>();
  private volatile boolean failing;
  private final DurableJournal journal;
  private Invalidation retrying;
  private long failuresInBurst;
  private long backoffMillis = FIRST_RETRY_MILLIS;
  private boolean scheduled;

  /** One invalidation handed to the worker pool; {@code done} and {@code journaled} are guarded by the delivery. */
  static final class InFlight {
    final StrategyDelivery delivery;
    final Invalidation invalidation;
    CompletableFuture<Void> future;
    boolean done;
    boolean journaled;
    /** The committing thread stopped waiting for it (await-ms passed) while it still ran. */
    boolean overdue;

    InFlight(StrategyDelivery delivery, Invalidation invalidation) {
      this.delivery = delivery;
      this.invalidation = invalidation;
    }
  }

  StrategyDelivery(InvalidationStrategy strategy, AgentStatistics statistics, ScheduledExecutorService retries,
      LongSupplier ids) {
    this.strategy = strategy;
    this.statistics = statistics;
    this.retries = retries;
    this.ids = ids;
    this.strategyStatistics = statistics.strategy(strategy.name());
    this.journal = new DurableJournal(strategy.name());
  }

  String name() {
    return strategy.name();
  }

  /**
   * Whether new invalidations should skip the attempt and go straight to the pending set: the strategy failed
   * and has not recovered, or an earlier attempt is still running past await-ms (a slow or hung server, which
   * would otherwise make every commit wait the full await-ms).
   */
  boolean isFailing() {
    return failing || overdue.get() > 0;
  }

  /** Undelivered invalidations: pending patterns, one being retried, and attempts still running. */
  long pending() {
    synchronized (this) {
      return pending.size() + (retrying == null ? 0 : 1) + inFlight.get();
    }
  }

  /**
   * Opens this process's journal in {@code directory} and takes over the journals dead processes left for
   * this strategy. Never throws: an unusable directory is reported once, naming the key, and delivery goes on
   * without durability.
   */
  void openJournal(Path directory) {
    String ownBase = journal.open(directory);
    if (ownBase == null) {
      return;
    }
    try {
      retries.scheduleWithFixedDelay(journal::force, InvalidationJournal.FORCE_INTERVAL_MILLIS,
          InvalidationJournal.FORCE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      for (JournalRecovery.Orphan orphan : JournalRecovery.orphans(directory, strategy.name(), ownBase)) {
        replay(orphan);
      }
    } catch (IOException | RuntimeException e) {
      journal.unusable(e);
    }
  }

  private void replay(JournalRecovery.Orphan orphan) {
    JournalCodec.Contents contents = orphan.contents;
    if (!contents.recognised()) {
      log.warn("{}: {} is not a journal of this agent; left as it is", ConfigKeys.DURABLE_DIR.propertyName(),
          orphan.journal);
      orphan.release();
      return;
    }
    if (contents.tornBytes() > 0) {
      log.warn("journal {}: ignored a torn last record ({} bytes) left by a crash", orphan.journal,
          contents.tornBytes());
    }
    List<JournalCodec.Entry> entries = contents.entries();
    synchronized (this) {
      for (JournalCodec.Entry entry : entries) {
        pending.add(entry.names(), entry.patterns());
        journal.append(entry, this::undelivered);
      }
    }
    orphan.delete();
    if (entries.isEmpty()) {
      return;
    }
    statistics.replayed(strategy.name(), entries.size());
    log.info("strategy {}: replaying {} undelivered invalidation(s) journaled by a process that ended, from {}",
        strategy.name(), entries.size(), orphan.journal);
    schedule(0);
  }

  /** Applies on the calling thread (local strategies). */
  void applyNow(Invalidation invalidation) {
    try {
      long removed = strategy.apply(invalidation);
      // A local strategy's latency is its own running time on the committing thread, sampled (see
      // Invalidation.sampled).
      applied(invalidation, removed);
    } catch (Throwable t) {
      failed(invalidation, t, null);
    }
  }

  /** Keeps an invalidation for the retry loop without attempting it (the strategy is failing). */
  void defer(Invalidation invalidation) {
    boolean widened;
    long size;
    synchronized (this) {
      widened = pending.add(invalidation);
      journal.append(invalidation, this::undelivered);
      size = pending.size();
    }
    if (log.isDebugEnabled()) {
      log.debug("deferred #{} strategy={}: the strategy is failing or slow; kept pending ({} pattern(s)) for the retry loop",
          invalidation.id(), strategy.name(), size);
    }
    reportWidened(widened);
    schedule(currentBackoff());
  }

  /**
   * Hands the invalidation to the worker pool. A full pool never blocks and never drops: the invalidation
   * joins the pending set and the retry loop delivers it.
   *
   * @return the attempt, or null when the pool refused it
   */
  InFlight submit(Invalidation invalidation, Executor workers) {
    InFlight attempt = new InFlight(this, invalidation);
    inFlight.incrementAndGet();
    try {
      attempt.future = CompletableFuture.runAsync(() -> attempt(attempt), workers);
      return attempt;
    } catch (RejectedExecutionException full) {
      inFlight.decrementAndGet();
      failed(invalidation, new RejectedExecutionException("the agent's worker queue is full"), null);
      return null;
    }
  }

  private void attempt(InFlight attempt) {
    try {
      long removed = strategy.apply(attempt.invalidation);
      applied(attempt.invalidation, removed);
      finished(attempt);
    } catch (Throwable t) {
      failed(attempt.invalidation, t, attempt);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Called by the committing thread when it stops waiting. An attempt still running is journaled before the
   * commit returns, so a crash from here on loses nothing; when the thread had waited ({@code waited}), the
   * attempt also counts as overdue, and new invalidations are deferred until it ends.
   */
  void stopWaiting(InFlight attempt, boolean waited) {
    synchronized (this) {
      if (attempt.done) {
        return;
      }
      if (waited) {
        attempt.overdue = true;
        overdue.incrementAndGet();
      }
      if (!journal.isOn()) {
        return;
      }
      attempt.journaled = true;
      journaledInFlight.add(attempt);
      journal.append(attempt.invalidation, this::undelivered);
    }
    if (log.isDebugEnabled()) {
      log.debug("journaled #{} strategy={}: not applied within await-ms; the commit returns, delivery goes on",
          attempt.invalidation.id(), strategy.name());
    }
  }

  private void finished(InFlight attempt) {
    synchronized (this) {
      attempt.done = true;
      endOverdue(attempt);
      if (attempt.journaled) {
        journaledInFlight.remove(attempt);
        journal.compact(this::undelivered);
      }
    }
  }

  private void endOverdue(InFlight attempt) {
    if (attempt.overdue) {
      attempt.overdue = false;
      overdue.decrementAndGet();
    }
  }

  private void applied(Invalidation invalidation, long removed) {
    long latency = invalidation.timed()
        ? Math.max(0, System.nanoTime() - invalidation.committedAtNanos()) : -1;
    statistics.invalidationIssued(strategyStatistics, removed, latency);
    if (log.isDebugEnabled()) {
      log.debug("applied #{} strategy={} removed={} patterns={} {} ms after commit", invalidation.id(),
          strategy.name(), removed < 0 ? "unknown" : removed, invalidation.patterns(),
          String.format("%.3f", latency / 1_000_000.0));
    }
  }

  private void failed(Invalidation invalidation, Throwable cause, InFlight attempt) {
    statistics.invalidationFailed(strategy.name(), strategy.name() + ": " + cause);
    boolean first;
    boolean widened;
    synchronized (this) {
      if (attempt != null) {
        attempt.done = true;
        endOverdue(attempt);
        journaledInFlight.remove(attempt);
      }
      widened = pending.add(invalidation);
      if (attempt == null || !attempt.journaled) {
        journal.append(invalidation, this::undelivered);
      }
      first = !failing;
      failing = true;
      failuresInBurst++;
    }
    if (first) {
      log.warn("strategy {} failed to apply invalidation #{} ({}); it is kept and retried: {}", strategy.name(),
          invalidation.id(), invalidation.origin(), cause.toString());
    } else if (log.isDebugEnabled()) {
      log.debug("failed #{} strategy={} (again): {}", invalidation.id(), strategy.name(), cause.toString());
    }
    reportWidened(widened);
    schedule(currentBackoff());
  }

  private void reportWidened(boolean widened) {
    if (widened) {
      log.warn("strategy {}: more than {} patterns pending; they were replaced by '*' so nothing is lost",
          strategy.name(), PENDING_CAPACITY);
    }
  }

  private synchronized long currentBackoff() {
    return backoffMillis;
  }

  private void schedule(long delayMillis) {
    synchronized (this) {
      if (scheduled) {
        return;
      }
      scheduled = true;
      if (delayMillis > 0) {
        backoffMillis = Math.min(backoffMillis * 2, MAX_RETRY_MILLIS);
      }
    }
    try {
      retries.schedule(this::retry, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      synchronized (this) {
        scheduled = false;
      }
    }
  }

  private void retry() {
    Invalidation retry;
    synchronized (this) {
      scheduled = false;
      retry = pending.takeAll(ids.getAsLong());
      retrying = retry;
      if (retry == null) {
        failing = false;
        return;
      }
    }
    statistics.retried(strategy.name());
    if (log.isDebugEnabled()) {
      log.debug("retry #{} strategy={}: {} pattern(s) {}", retry.id(), strategy.name(), retry.patterns().size(),
          retry.patterns());
    }
    try {
      long removed = strategy.apply(retry);
      applied(retry, removed);
    } catch (Throwable t) {
      statistics.invalidationFailed(strategy.name(), strategy.name() + ": " + t);
      boolean widened;
      synchronized (this) {
        retrying = null;
        widened = pending.add(retry);
        failuresInBurst++;
      }
      if (log.isDebugEnabled()) {
        log.debug("failed #{} strategy={} (retry): {}", retry.id(), strategy.name(), t.toString());
      }
      reportWidened(widened);
      schedule(currentBackoff());
      return;
    }
    long failures;
    boolean more;
    synchronized (this) {
      retrying = null;
      more = pending.size() > 0;
      failures = failuresInBurst;
      if (!more) {
        failing = false;
        failuresInBurst = 0;
        backoffMillis = FIRST_RETRY_MILLIS;
      }
      journal.compact(this::undelivered);
    }
    if (more) {
      schedule(0);
    } else if (failures > 0) {
      log.info("strategy {} recovered after {} failed attempt(s); everything pending is applied", strategy.name(),
          failures);
    }
  }

  /** Deletes this process's journal when nothing is undelivered; keeps it when something is. */
  void close() {
    journal.close(pending() > 0);
  }

  /** What the journal must hold: the pending set, a retry under way, and journaled attempts still running. */
  private List<JournalCodec.Entry> undelivered() {
    List<JournalCodec.Entry> out = new ArrayList<>();
    Invalidation all = pending.peek(0);
    if (all != null) {
      out.add(DurableJournal.entry(all));
    }
    if (retrying != null) {
      out.add(DurableJournal.entry(retrying));
    }
    for (InFlight attempt : journaledInFlight) {
      out.add(DurableJournal.entry(attempt.invalidation));
    }
    return out;
  }
}
