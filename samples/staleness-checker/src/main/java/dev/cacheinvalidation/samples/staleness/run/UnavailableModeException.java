package dev.cacheinvalidation.samples.staleness.run;

/** A mode the built agent cannot run (a strategy or a setting it does not have yet): reported as not run. */
final class UnavailableModeException extends Exception {
  UnavailableModeException(String reason) {
    super(reason);
  }
}
