package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The heart of the agent: takes writes from the sources, groups them into units of work, and after each unit
 * commits turns its names into patterns and hands them to the strategies.
 *
 * <p>Sources are thin adapters: they report a {@link Write} into a {@link UnitOfWork} and call
 * {@link #commit} or {@link #discard} when the unit ends, or {@link #writeCommitted} for a write that is its
 * own unit (autocommit). Commits nest: an outer transaction (a JPA commit that commits its JDBC connection)
 * opens a {@linkplain #enterCommitScope() commit scope}, and every name committed inside it is invalidated
 * once, when the outermost scope ends. Two separate commits that both write a name invalidate it twice:
 * correctness beats deduplication.
 *
 * <p>A source that sees a write coming before the SQL that makes it (a Hibernate flush action) may
 * {@linkplain #openCover cover} it: while the cover is open, a lower-level source that detects a write on the
 * same thread and connection records it into the covering unit instead of keeping its own (see
 * {@link #coveringUnit}). The names are the same or more, the unit ends with the same transaction, and the
 * lower-level source keeps no transaction state of its own for it.
 *
 * <p>Thread-safety: all methods may be called from any thread. The settings (enabled, sources, strategies,
 * rules) are read from one volatile snapshot per call, so a change applies from the next unit of work.
 */
public final class WritePipeline {
  private static final Logger log = AgentLog.get(WritePipeline.class);

  private final NameCatalog catalog;
  private final AgentStatistics statistics;
  private final InvalidationDispatcher dispatcher;
  // One object per thread, kept and reused: a JPA commit used to allocate a scope, its map and set, and pay
  // ThreadLocal.set and remove.
  private final ThreadLocal<ThreadWork> threadWork = ThreadLocal.withInitial(ThreadWork::new);
  private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();
  private volatile PipelineSettings settings;
  /** Bit {@code 1 << source.ordinal()} per source accepted now (none while disabled): {@link #accepts}. */
  private volatile int acceptedSources;
  /**
   * Whether a cover was ever opened: until then {@link #coveringUnit} answers without the thread-local, so an
   * application without Hibernate pays nothing for covers on its JDBC writes.
   */
  private volatile boolean coversOpened;

  public WritePipeline(PipelineSettings settings, NameCatalog catalog, AgentStatistics statistics,
      InvalidationDispatcher dispatcher) {
    this.settings = settings;
    this.acceptedSources = acceptedSources(settings);
    this.catalog = catalog;
    this.statistics = statistics;
    this.dispatcher = dispatcher;
  }

  public PipelineSettings settings() {
    return settings;
  }

  /** Replaces the settings; applies from the next unit of work. */
  public void update(PipelineSettings newSettings) {
    this.settings = newSettings;
    this.acceptedSources = acceptedSources(newSettings);
  }

  public NameCatalog catalog() {
    return catalog;
  }

  public AgentStatistics statistics() {
    return statistics;
  }

  public InvalidationDispatcher dispatcher() {
    return dispatcher;
  }

  /** Whether writes from this source are wanted now: a cheap check for the hot path. */
  public boolean accepts(Source source) {
    return (acceptedSources & (1 << source.ordinal())) != 0;
  }

  private static int acceptedSources(PipelineSettings settings) {
    int accepted = 0;
    if (settings.enabled()) {
      for (Source source : settings.sources()) {
        accepted |= 1 << source.ordinal();
      }
    }
    return accepted;
  }

  /** A new, empty unit of work. */
  public UnitOfWork newUnit(String description) {
    return new UnitOfWork(description);
  }

  /** Records a write in a unit; counts it as detected, or as deduplicated when the unit already has its name. */
  public void record(UnitOfWork unit, Write write) {
    boolean first = unit.add(write);
    if (first) {
      statistics.writeDetected(write.source());
    } else {
      statistics.writeDeduplicated();
    }
    if (log.isDebugEnabled()) {
      log.debug("write detected: source={} name={} operation={} -> unit {}{}", write.source().key(), write.name(),
          write.operation(), unitId(unit), first ? "" : " (name already in the unit)");
    }
  }

  /** Records writes in a unit, as {@link #record} each. */
  public void recordAll(UnitOfWork unit, List<Write> writes) {
    // Indexed: the iterator of a shared immutable list is not always scalar-replaced on this hot path.
    for (int i = 0, n = writes.size(); i < n; i++) {
      record(unit, writes.get(i));
    }
  }

  /** A write that is its own unit of work (autocommit) committed: invalidate it now. */
  public void writeCommitted(Write write, String origin) {
    statistics.writeDetected(write.source());
    if (log.isDebugEnabled()) {
      log.debug("write detected: source={} name={} operation={} -> unit {} (autocommit: its own unit)",
          write.source().key(), write.name(), write.operation(), origin);
    }
    committed(List.of(write), origin);
  }

  /** The unit committed: invalidate each of its names once (or hand them to the enclosing commit scope). */
  public void commit(UnitOfWork unit) {
    List<Write> writes = unit.drain();
    if (!writes.isEmpty()) {
      if (log.isDebugEnabled()) {
        log.debug("commit: unit {} committed names={}", unitId(unit), namesOf(writes));
      }
      committed(writes, unit.description());
    }
  }

  /** The unit rolled back: forget its names. */
  public void discard(UnitOfWork unit) {
    if (log.isDebugEnabled() && !unit.isEmpty()) {
      log.debug("rollback: unit {} rolled back; discarded {}, nothing invalidated", unitId(unit), unit);
    }
    unit.clear();
  }

  /**
   * Opens (or re-enters) this thread's commit scope: names committed until the matching
   * {@link #exitCommitScope()} are invalidated once, when the outermost scope exits.
   *
   * @return a token for {@link #exitCommitScope(Object)}, valid on this thread only
   */
  public Object enterCommitScope() {
    ThreadWork scope = threadWork.get();
    scope.depth++;
    return scope;
  }

  /**
   * Leaves the commit scope. The outermost exit invalidates everything committed inside, whether or not the
   * outer operation succeeded: those names reached a successful commit.
   */
  public void exitCommitScope() {
    exitCommitScope(threadWork.get());
  }

  /** Leaves the commit scope {@link #enterCommitScope} returned the token of, on the thread that entered it. */
  public void exitCommitScope(Object token) {
    if (!(token instanceof ThreadWork scope) || scope.depth <= 0 || --scope.depth > 0) {
      return;
    }
    List<Write> writes = scope.writes.drain();
    String origin = scope.takeOrigin();
    if (!writes.isEmpty()) {
      dispatch(writes, origin);
    }
  }

  /**
   * Covers the writes this thread makes on {@code connection} until {@link #closeCover}: they belong to
   * {@code unit}, which must end exactly when that connection's transaction does. Covers do not nest: while
   * one is open, this returns null and the open one stays.
   *
   * @return the token for {@link #closeCover}, or null when nothing was opened
   */
  public Object openCover(UnitOfWork unit, Object connection) {
    ThreadWork work = threadWork.get();
    if (work.coverUnit != null) {
      return null;
    }
    work.coverUnit = unit;
    work.coverConnection = connection;
    if (!coversOpened) {
      coversOpened = true;
    }
    return work;
  }

  /** Closes the cover {@link #openCover} returned (null is ignored). */
  public void closeCover(Object token) {
    if (token instanceof ThreadWork work) {
      work.coverUnit = null;
      work.coverConnection = null;
    }
  }

  /** The unit covering a write this thread makes now on {@code connection}, or null. */
  public UnitOfWork coveringUnit(Object connection) {
    if (!coversOpened || connection == null) {
      return null;
    }
    ThreadWork work = threadWork.get();
    return work.coverConnection == connection ? work.coverUnit : null;
  }

  /** Invalidates names now, as an operator asked (JMX). */
  public void invalidateNames(Collection<String> names, String origin) {
    List<Write> writes = new ArrayList<>();
    for (String name : names) {
      writes.add(new Write(Source.OPERATOR, name, Operation.UNKNOWN));
    }
    dispatch(writes, origin);
  }

  /** Invalidates patterns now, bypassing the rules (JMX, on-startup, on-ddl). */
  public void invalidatePatterns(List<String> patterns, String origin) {
    if (patterns.isEmpty()) {
      return;
    }
    PipelineSettings current = settings;
    long id = dispatcher.nextId();
    Invalidation invalidation = new Invalidation(id, origin, List.of(), patterns, commitTime(current, id));
    deliver(invalidation, current);
  }

  /** Observes every invalidation handed to the strategies (diagnostics, GraphQL de-duplication, tests). */
  public void addListener(Consumer<Invalidation> listener) {
    listeners.add(listener);
  }

  private void committed(List<Write> writes, String origin) {
    ThreadWork scope = threadWork.get();
    if (scope.depth > 0) {
      for (Write write : writes) {
        if (!scope.writes.add(write)) {
          statistics.writeDeduplicated();
        }
      }
      scope.addOrigin(origin);
      if (log.isDebugEnabled()) {
        log.debug("commit: {} names={} held until the enclosing transaction ends", origin, namesOf(writes));
      }
      return;
    }
    dispatch(writes, origin);
  }

  private void dispatch(List<Write> writes, String origin) {
    PipelineSettings current = settings;
    if (!current.enabled()) {
      if (log.isDebugEnabled()) {
        log.debug("commit: {} names={} ignored: invalidation is disabled", origin, namesOf(writes));
      }
      return;
    }
    boolean debug = log.isDebugEnabled();
    if (writes.size() == 1 && !debug) {
      // The usual autocommit write: its rule's patterns are already an immutable, duplicate-free list.
      Write write = writes.get(0);
      long id = dispatcher.nextId();
      deliver(new Invalidation(id, origin, List.of(write.name()), current.rules().patternsForKey(write.key()),
          commitTime(current, id)), current);
      return;
    }
    List<String> names = new ArrayList<>(writes.size());
    Set<String> patterns = new LinkedHashSet<>();
    for (Write write : writes) {
      names.add(write.name());
      List<String> forName = current.rules().patternsForKey(write.key());
      patterns.addAll(forName);
      if (debug) {
        log.debug("rule: name={} -> patterns={} (from {})", write.name(), forName,
            current.rules().hasRule(write.name()) ? "invalidation.rules." + write.key()
                : "invalidation.rules.default");
      }
    }
    long id = dispatcher.nextId();
    Invalidation invalidation = new Invalidation(id, origin, names, List.copyOf(patterns), commitTime(current, id));
    deliver(invalidation, current);
  }

  private void deliver(Invalidation invalidation, PipelineSettings current) {
    if (log.isDebugEnabled()) {
      log.debug("dispatch #{}: {} names={} -> patterns={} -> strategies={} (await-ms {})", invalidation.id(),
          invalidation.origin(), invalidation.names(), invalidation.patterns(), strategyNames(current.strategies()),
          current.awaitMillis());
    }
    for (Consumer<Invalidation> listener : listeners) {
      try {
        listener.accept(invalidation);
      } catch (RuntimeException e) {
        log.debug("invalidation listener failed", e);
      }
    }
    dispatcher.dispatch(invalidation, current.strategies(), current.awaitMillis());
  }

  /**
   * The commit time of an invalidation: always taken when a remote strategy may need it (latency, retry age,
   * the journal) and when the debug trail prints it; for local strategies only, when its latency is sampled.
   */
  private long commitTime(PipelineSettings current, long id) {
    return Invalidation.sampled(id) || log.isDebugEnabled() || !dispatcher.allLocal(current.strategies())
        ? System.nanoTime() : Invalidation.NOT_TIMED;
  }

  private static String unitId(UnitOfWork unit) {
    return unit.description() + "@" + Integer.toHexString(System.identityHashCode(unit));
  }

  private static List<String> namesOf(List<Write> writes) {
    List<String> names = new ArrayList<>(writes.size());
    writes.forEach(write -> names.add(write.name()));
    return names;
  }

  private static List<String> strategyNames(List<InvalidationStrategy> strategies) {
    List<String> names = new ArrayList<>(strategies.size());
    strategies.forEach(strategy -> names.add(strategy.name()));
    return names;
  }

  /**
   * One thread's commit scope (the names committed inside an outer transaction, waiting for it to end) and its
   * open cover, if any. Only its thread touches it: no lock.
   */
  private static final class ThreadWork {
    int depth;
    UnitOfWork coverUnit;
    Object coverConnection;
    final WrittenNames writes = new WrittenNames();
    /** The scope's first origin: most scopes see one only (a constant string), and then need no list. */
    private String firstOrigin;
    /** Every distinct origin, in order, once a second one came: a handful, so a list beats a set. */
    private final List<String> origins = new ArrayList<>(4);
    /** The last joined origin and what it was joined from: a thread commits the same way again and again. */
    private List<String> joinedFrom = List.of();
    private String joined;

    void addOrigin(String origin) {
      if (firstOrigin == null) {
        firstOrigin = origin;
      } else if (!firstOrigin.equals(origin)) {
        if (origins.isEmpty()) {
          origins.add(firstOrigin);
        }
        if (!origins.contains(origin)) {
          origins.add(origin);
        }
      }
    }

    /** The scope's origins joined (null when nothing was committed), forgotten for the next scope. */
    String takeOrigin() {
      String origin = firstOrigin;
      firstOrigin = null;
      if (!origins.isEmpty()) {
        if (!origins.equals(joinedFrom)) {
          joinedFrom = List.copyOf(origins);
          joined = String.join("+", origins);
        }
        origin = joined;
        origins.clear();
      }
      return origin;
    }
  }
}
