package dev.cacheinvalidation.samples.staleness.run;

/** What a mode claims, and so what the CI gate checks after quiescing. */
enum Promise {
  /** No stale entry in any run: one is a failure. */
  FRESH,
  /** A baseline: it must show stale entries over its runs, or the checker is blind. */
  STALE,
  /** Measured and reported, not gated (known to race: plain after-commit deletes). */
  REPORTED
}
