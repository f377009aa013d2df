package dev.cacheinvalidation.agent.source.graphql;

import dev.cacheinvalidation.agent.pipeline.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One executing GraphQL mutation: the names its fields resolved to, the names commits already invalidated
 * while it was current on a thread, and whether a field mapped to nothing.
 *
 * <p>Thread-safety: synchronized; the engine may run the mutation's fetchers on several threads, and commits
 * on those threads report here while the execution may be ending on yet another.
 */
final class MutationExecution {
  private final String origin;
  /** Name key to name, in the order fields were fetched. */
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Set<String> committed = new HashSet<>();
  private boolean unmapped;
  private boolean ended;

  MutationExecution(String operationName) {
    this.origin = operationName == null ? "graphql mutation" : "graphql mutation " + operationName;
  }

  String origin() {
    return origin;
  }

  /** A field resolved to these names (none: unmapped). */
  synchronized void fieldResolved(List<String> resolved) {
    if (resolved.isEmpty()) {
      unmapped = true;
    }
    for (String name : resolved) {
      names.putIfAbsent(Names.key(name), name);
    }
  }

  /** A commit invalidated these names on a thread where this execution was current. */
  synchronized void committed(Collection<String> invalidated) {
    if (!ended) {
      for (String name : invalidated) {
        committed.add(Names.key(name));
      }
    }
  }

  /** Ends the execution; null when it had already ended. */
  synchronized Outcome end() {
    if (ended) {
      return null;
    }
    ended = true;
    List<String> remaining = new ArrayList<>(names.size());
    int alreadyInvalidated = 0;
    for (Map.Entry<String, String> entry : names.entrySet()) {
      if (committed.contains(entry.getKey())) {
        alreadyInvalidated++;
      } else {
        remaining.add(entry.getValue());
      }
    }
    return new Outcome(List.copyOf(remaining), alreadyInvalidated, unmapped);
  }

  /**
   * What is left to do when the execution ends.
   *
   * @param names names to invalidate now
   * @param alreadyInvalidated names a commit inside the execution invalidated already
   * @param unmapped whether some field mapped to no name
   */
  record Outcome(List<String> names, int alreadyInvalidated, boolean unmapped) {}
}
