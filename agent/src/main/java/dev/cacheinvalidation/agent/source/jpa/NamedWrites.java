package dev.cacheinvalidation.agent.source.jpa;

import dev.cacheinvalidation.agent.pipeline.Operation;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The names one JPA write is reported under (an entity and its supertypes, a collection's owners) and, per
 * operation, the {@link Write}s that report them, made the first time they are needed: a flush records the
 * same few entities over and over, and a write's key is then computed once, not at every record.
 *
 * <p>Thread-safety: immutable but for the per-operation lists, which are published through an atomic array;
 * two threads may build the same list once each, with equal results.
 */
final class NamedWrites {
  private final List<String> names;
  private final AtomicReferenceArray<List<Write>> byOperation =
      new AtomicReferenceArray<>(Operation.values().length);

  NamedWrites(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** The names, in order. */
  List<String> names() {
    return names;
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** One write per name, of this operation. */
  List<Write> writes(Operation operation) {
    List<Write> writes = byOperation.get(operation.ordinal());
    if (writes == null) {
      List<Write> built = new ArrayList<>(names.size());
      for (String name : names) {
        built.add(new Write(Source.JPA, name, operation));
      }
      writes = List.copyOf(built);
      byOperation.set(operation.ordinal(), writes);
    }
    return writes;
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
