package dev.cacheinvalidation.agent.source.graphql;

import dev.cacheinvalidation.agent.AgentRuntime;
import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.pipeline.RuleSet;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.UnitOfWork;
import dev.cacheinvalidation.agent.pipeline.Write;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import dev.cacheinvalidation.bridge.GraphQlSink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The GraphQL source: turns the mutations graphql-java executes into writes, one unit of work per execution.
 *
 * <p><b>Unit of work.</b> A mutation's names are invalidated when its execution ends, which may be
 * asynchronous and on another thread, whether its fields succeeded or failed (a failed resolver may have
 * written); an operation that failed validation never starts, so it invalidates nothing. While the engine
 * runs one of the mutation's data fetchers, the mutation is current on that thread; an invalidation the
 * pipeline dispatches on such a thread (a JDBC or JPA commit inside the resolver) is observed through
 * {@link WritePipeline#addListener}, and its names are not invalidated again at the end. A commit on a thread
 * where the mutation is not current (work the fetcher handed to an executor, a transaction wrapped around the
 * whole execution) is not seen, so its names are invalidated twice: correctness beats deduplication.
 *
 * <p>Thread-safety: thread-safe; the current mutation is a thread-local, the mutation state is synchronized.
 */
public final class GraphQlSource implements GraphQlSink {
  private static final Logger log = AgentLog.get(GraphQlSource.class);
  /** {@code invalidation.graphql.unmapped} value that invalidates every rule for an unmapped field. */
  static final String UNMAPPED_ALL = "all";

  private final AgentRuntime runtime;
  private final WritePipeline pipeline;
  private final EngineHelpers helpers = new EngineHelpers(GraphQlSource.class.getClassLoader());
  private final ThreadLocal<MutationExecution> current = new ThreadLocal<>();
  /**
   * Mutation data fetchers running on any thread. Only read as "none" to skip {@link #observe}; were it ever
   * off, the cost is an invalidation repeated at the mutation's end, never one missed.
   */
  private final AtomicInteger fetchersRunning = new AtomicInteger();
  private final Set<String> unmappedLogged = ConcurrentHashMap.newKeySet();

  public GraphQlSource(AgentRuntime runtime) {
    this.runtime = runtime;
    this.pipeline = runtime.pipeline();
    pipeline.addListener(this::observe);
  }

  @Override
  public Object engineBuilding(Object instrumentation, Class<?> builderType) {
    return helpers.chain(instrumentation, builderType);
  }

  @Override
  public boolean tracking() {
    return pipeline.accepts(Source.GRAPHQL);
  }

  @Override
  public Object mutationStarted(String operationName) {
    return pipeline.accepts(Source.GRAPHQL) ? new MutationExecution(operationName) : null;
  }

  @Override
  public void mutationField(Object mutation, String fieldName, String returnTypeName, List<String> innerTypeNames) {
    try {
      List<String> names = resolver().namesFor(fieldName, returnTypeName, innerTypeNames);
      if (names.isEmpty() && unmappedLogged.add(fieldName)) {
        log.info("GraphQL mutation field '{}' (returns {}) maps to no known name; set {}mutations.{}=<Name>[,<Name>] "
            + "to invalidate on it", fieldName, returnTypeName, ConfigKeys.PREFIX, fieldName);
      }
      ((MutationExecution) mutation).fieldResolved(names);
    } catch (RuntimeException e) {
      log.debug("GraphQL mutation field {} not resolved", fieldName, e);
    }
  }

  @Override
  public Object enterFetcher(Object mutation) {
    MutationExecution previous = current.get();
    current.set((MutationExecution) mutation);
    fetchersRunning.incrementAndGet();
    return previous;
  }

  @Override
  public void exitFetcher(Object previous) {
    fetchersRunning.decrementAndGet();
    if (previous == null) {
      current.remove();
    } else {
      current.set((MutationExecution) previous);
    }
  }

  @Override
  public void mutationEnded(Object mutation) {
    try {
      MutationExecution execution = (MutationExecution) mutation;
      MutationExecution.Outcome outcome = execution.end();
      if (outcome == null) {
        return;
      }
      if (outcome.alreadyInvalidated() > 0 && log.isDebugEnabled()) {
        log.debug("{}: {} name(s) already invalidated by a commit inside it", execution.origin(),
            outcome.alreadyInvalidated());
      }
      if (outcome.unmapped() && UNMAPPED_ALL.equals(runtime.config().get(ConfigKeys.GRAPHQL_UNMAPPED))) {
        pipeline.invalidatePatterns(allRulePatterns(pipeline.settings().rules()), execution.origin() + " (unmapped)");
      }
      if (!outcome.names().isEmpty()) {
        UnitOfWork unit = pipeline.newUnit(execution.origin());
        for (String name : outcome.names()) {
          pipeline.record(unit, new Write(Source.GRAPHQL, name, Operation.MUTATION));
        }
        pipeline.commit(unit);
      }
    } catch (RuntimeException e) {
      log.debug("GraphQL mutation end not handled", e);
    }
  }

  /** Listener: an invalidation dispatched on a thread where a mutation is current belongs to it. */
  private void observe(Invalidation invalidation) {
    if (fetchersRunning.get() <= 0) {
      return; // no mutation is current on any thread: spare every other commit the thread-local lookup
    }
    MutationExecution execution = current.get();
    if (execution != null && !invalidation.names().isEmpty()) {
      execution.committed(invalidation.names());
    }
  }

  private MutationNames resolver() {
    AgentConfig config = runtime.config();
    NameCatalog catalog = pipeline.catalog();
    RuleSet rules = pipeline.settings().rules();
    return new MutationNames(config.mutations(), name -> catalog.isKnown(name) || rules.hasRule(name),
        catalog::displayName);
  }

  private static List<String> allRulePatterns(RuleSet rules) {
    Set<String> patterns = new LinkedHashSet<>();
    rules.configuredRules().values().forEach(patterns::addAll);
    return new ArrayList<>(patterns);
  }
}
