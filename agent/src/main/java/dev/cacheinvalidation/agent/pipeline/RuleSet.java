package dev.cacheinvalidation.agent.pipeline;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns a name into the cache-key glob patterns to invalidate: {@code rules.<Name>} when configured, else
 * {@code rules.default}. {@code {name}} in a pattern becomes the lower-case name, glob-escaped, so a table
 * called {@code a*} can never widen a delete.
 *
 * <p>Immutable apart from an internal memo (a map of every key resolved, and a small direct-mapped table of
 * recent ones in front of it: a commit asks for the same few keys over and over); thread-safe.
 */
public final class RuleSet {
  private static final int RECENT_SLOTS = 64; // a power of two

  private final Map<String, List<String>> rules;
  private final String defaultRule;
  private final Map<String, List<String>> memo = new ConcurrentHashMap<>();
  /** Slot {@code key.hashCode() & (RECENT_SLOTS - 1)} → its last key and patterns; entries are immutable. */
  private final AtomicReferenceArray<Resolved> recent = new AtomicReferenceArray<>(RECENT_SLOTS);

  public RuleSet(AgentConfig config) {
    this.rules = config.rules();
    this.defaultRule = config.get(ConfigKeys.DEFAULT_RULE);
  }

  /** The patterns for a name; never empty. */
  public List<String> patternsFor(String name) {
    return patternsForKey(Names.key(name));
  }

  /** The patterns for a name given by its {@linkplain Names#key key} ({@link Write#key()}); never empty. */
  public List<String> patternsForKey(String key) {
    int slot = key.hashCode() & (RECENT_SLOTS - 1);
    Resolved last = recent.getPlain(slot);
    if (last != null && last.key == key) { // keys are memoised strings (Names.key): identity is the usual hit
      return last.patterns;
    }
    List<String> patterns = memo.get(key);
    if (patterns == null) {
      patterns = memo.computeIfAbsent(key, this::resolve);
    }
    recent.setRelease(slot, new Resolved(key, patterns));
    return patterns;
  }

  /** Whether the name has a rule of its own (not the default). */
  public boolean hasRule(String name) {
    return rules.containsKey(Names.key(name));
  }

  /** Every pattern of every configured rule plus the default applied to nothing: used for "invalidate all rules". */
  public Map<String, List<String>> configuredRules() {
    return rules;
  }

  private record Resolved(String key, List<String> patterns) {}

  private List<String> resolve(String key) {
    List<String> templates = rules.getOrDefault(key, List.of(defaultRule));
    String escaped = GlobPattern.escape(key);
    // Each pattern once, in order: the pipeline hands a single write's list to the strategies as it is.
    Set<String> patterns = new LinkedHashSet<>(templates.size());
    for (String template : templates) {
      patterns.add(template.replace("{name}", escaped));
    }
    return List.copyOf(patterns);
  }
}
