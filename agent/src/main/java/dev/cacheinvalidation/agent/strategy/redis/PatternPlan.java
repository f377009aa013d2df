package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.pipeline.GlobPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the patterns of one invalidation are served: keys without glob characters are simply unlinked, and the
 * others are grouped into as few keyspace passes as pays off.
 *
 * <p>Why sharing: the cost of a {@code SCAN} pass is walking the whole keyspace on the server, whatever
 * {@code MATCH} says ({@code MATCH} only filters the reply). N patterns scanned one by one cost N walks; one
 * pass whose {@code MATCH} is wide enough for all of them costs one walk plus sending the extra candidate keys
 * to the agent, which matches them with {@link GlobPattern} (the same semantics as Redis). So:
 * <ul>
 *   <li>{@code *} anywhere: one pass without {@code MATCH}; it covers every other pattern.
 *   <li>patterns sharing a literal prefix ({@code post:*}, {@code post_tag:*}): one pass with
 *       {@code MATCH <prefix>*}; the server still filters, the reply grows only by keys with that prefix.
 *   <li>no common prefix: a pass without {@code MATCH} would send every key in the database to the agent,
 *       which costs more than a walk per pattern for a few patterns; from {@link #SHARED_PASS_MIN_PATTERNS}
 *       patterns on, one pass is cheaper (sending a key costs a small multiple of walking it).
 * </ul>
 * In a cluster, patterns whose literal prefix pins a hash slot ({@code {category}:*}) are grouped per slot and
 * scanned on that slot's master only.
 *
 * <p>Immutable and thread-safe.
 */
final class PatternPlan {
  /** From this many unrelated patterns, one pass without MATCH beats one pass per pattern. */
  static final int SHARED_PASS_MIN_PATTERNS = 4;

  /**
   * One keyspace pass.
   *
   * @param match the {@code MATCH} argument, or null for none
   * @param filters patterns a returned key must match (one of), checked in the agent; empty when {@code match}
   *     alone decides
   * @param slot the only cluster slot the keys can be in, or -1
   * @param description the patterns served, for logs
   */
  record Pass(String match, List<GlobPattern> filters, int slot, String description) {
    boolean wants(String key) {
      if (filters.isEmpty()) {
        return true;
      }
      for (GlobPattern filter : filters) {
        if (filter.matches(key)) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<String> exactKeys;
  private final List<Pass> passes;

  private PatternPlan(List<String> exactKeys, List<Pass> passes) {
    this.exactKeys = List.copyOf(exactKeys);
    this.passes = List.copyOf(passes);
  }

  /** Keys to unlink directly. */
  List<String> exactKeys() {
    return exactKeys;
  }

  List<Pass> passes() {
    return passes;
  }

  /**
   * Plans the patterns of one invalidation.
   *
   * @param cluster whether hash-slot pinning is worth computing
   */
  static PatternPlan of(List<String> patterns, boolean cluster) {
    Set<String> exact = new LinkedHashSet<>();
    Map<Integer, List<String>> globsBySlot = new LinkedHashMap<>();
    for (String pattern : new LinkedHashSet<>(patterns)) {
      if (GlobPattern.compile(pattern).matchesEverything()) {
        return new PatternPlan(List.of(), List.of(new Pass(null, List.of(), -1, "*")));
      }
      String prefix = GlobShapes.literalPrefix(pattern);
      if (GlobShapes.isLiteral(pattern)) {
        exact.add(prefix);
        continue;
      }
      int slot = cluster ? GlobShapes.pinnedSlot(prefix) : -1;
      globsBySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(pattern);
    }
    List<Pass> passes = new ArrayList<>();
    globsBySlot.forEach((slot, globs) -> passes.addAll(passesFor(globs, slot)));
    return new PatternPlan(new ArrayList<>(exact), passes);
  }

  private static List<Pass> passesFor(List<String> globs, int slot) {
    if (globs.size() == 1) {
      return List.of(new Pass(globs.get(0), List.of(), slot, globs.get(0)));
    }
    String common = null;
    List<GlobPattern> filters = new ArrayList<>(globs.size());
    for (String glob : globs) {
      String prefix = GlobShapes.literalPrefix(glob);
      common = common == null ? prefix : GlobShapes.commonPrefix(common, prefix);
      filters.add(GlobPattern.compile(glob));
    }
    String description = String.join(",", globs);
    if (!common.isEmpty()) {
      return List.of(new Pass(GlobPattern.escape(common) + "*", filters, slot, description));
    }
    if (globs.size() >= SHARED_PASS_MIN_PATTERNS) {
      return List.of(new Pass(null, filters, slot, description));
    }
    List<Pass> separate = new ArrayList<>(globs.size());
    for (String glob : globs) {
      separate.add(new Pass(glob, List.of(), slot, glob));
    }
    return separate;
  }
}
