package dev.cacheinvalidation.agent.pipeline;

import java.util.Objects;

/**
 * One detected write: which source saw it, the name written (an entity, a table, or an entity resolved from a
 * GraphQL mutation), what kind of write it was, and the name's comparison {@linkplain Names#key key}, computed
 * once here because a unit of work, a commit scope and the rules all compare by it. Immutable.
 */
public record Write(Source source, String name, Operation operation, String key) {
  public Write {
    Objects.requireNonNull(source);
    Objects.requireNonNull(name);
    Objects.requireNonNull(operation);
    Objects.requireNonNull(key);
  }

  public Write(Source source, String name, Operation operation) {
    this(source, name, operation, Names.key(name));
  }
}
