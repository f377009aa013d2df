package dev.cacheinvalidation.instrumentation.api;

import java.util.List;

/**
 * The instrumentation of one library: a name (also the value in {@code invalidation.sources}, where the module
 * detects writes) and its type instrumentations. Immutable and thread-safe.
 */
public interface InstrumentationModule {
  /** Short, stable name: {@code jdbc}, {@code jpa}, {@code graphql}, {@code caffeine}. */
  String name();

  List<TypeInstrumentation> typeInstrumentations();
}
