package dev.cacheinvalidation.samples.staleness.run;

import java.nio.file.Path;

/**
 * The workload of every run: thread counts, duration, key space, write paths and the knobs of the race.
 * Immutable.
 *
 * @param readDelayMicros upper bound of a reader's random pause between its database read and its put
 * @param probeTimeoutMillis past this a commit's invalidation counts as unobserved
 */
record Settings(int runs, long durationMillis, int readers, int writers, int keys, String paths,
    int rollbackPercent, int readDelayMicros, int probeTimeoutMillis, long seed, Path agentJar, Path outputDir) {

  static Settings shortProfile(Path agentJar, Path outputDir) {
    return new Settings(1, 1_500, 4, 2, 20, "jdbc,jpa,graphql", 20, 500, 2_000, 1, agentJar, outputDir);
  }

  static Settings fullProfile(Path agentJar, Path outputDir) {
    return new Settings(100, 3_000, 4, 2, 20, "jdbc,jpa,graphql", 20, 500, 2_000, 1, agentJar, outputDir);
  }

  Settings withRuns(int value) {
    return new Settings(value, durationMillis, readers, writers, keys, paths, rollbackPercent, readDelayMicros,
        probeTimeoutMillis, seed, agentJar, outputDir);
  }

  Settings withDuration(long value) {
    return new Settings(runs, value, readers, writers, keys, paths, rollbackPercent, readDelayMicros,
        probeTimeoutMillis, seed, agentJar, outputDir);
  }

  Settings withSeed(long value) {
    return new Settings(runs, durationMillis, readers, writers, keys, paths, rollbackPercent, readDelayMicros,
        probeTimeoutMillis, value, agentJar, outputDir);
  }

  Settings withAgentJar(Path value) {
    return new Settings(runs, durationMillis, readers, writers, keys, paths, rollbackPercent, readDelayMicros,
        probeTimeoutMillis, seed, value, outputDir);
  }
}
