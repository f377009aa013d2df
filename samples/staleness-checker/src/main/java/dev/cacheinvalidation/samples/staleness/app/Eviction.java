package dev.cacheinvalidation.samples.staleness.app;

import java.util.Locale;

/** Who removes a written row's cache entry. */
enum Eviction {
  /** The agent, after commit; the application has no invalidation code. */
  AGENT,
  /** The application itself, just before {@code commit()}: the reference design's signal timing (baseline). */
  BEFORE_COMMIT,
  /** Nobody (baseline). */
  NONE;

  static Eviction parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
