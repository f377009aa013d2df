package dev.cacheinvalidation.agent.pipeline;

import java.util.Objects;

/**
 * One detected write: which source saw it, the name written (an entity, a table, or an entity resolved from a
 * GraphQL mutation) and what kind of write it was. Immutable.
 */
public record Write(Source source, String name, Operation operation) {
  public Write {
    Objects.requireNonNull(source);
    Objects.requireNonNull(name);
    Objects.requireNonNull(operation);
  }
}
