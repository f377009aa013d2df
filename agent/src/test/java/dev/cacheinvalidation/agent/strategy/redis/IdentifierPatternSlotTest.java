package dev.cacheinvalidation.agent.strategy.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.config.ConfigLoader;
import dev.cacheinvalidation.agent.pipeline.GlobPattern;
import dev.cacheinvalidation.agent.pipeline.GlobPatternTest;
import dev.cacheinvalidation.agent.pipeline.RuleSet;
import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A pattern built from a hostile identifier (glob and hash-tag characters) through a rule never widens a
 * delete, and never makes the cluster plan skip a node that holds one of its keys.
 *
 * <p>Why braces are safe: they are not glob metacharacters, so {@code {x}} in a pattern matches the literal
 * text {@code {x}}, and only keys that start with the pattern's literal prefix can match. Redis takes a key's
 * slot from its first {@code {...}} when that is non-empty; when the literal prefix holds a complete non-empty
 * tag, every matching key has that same first tag, so pinning the slot only leaves out nodes that cannot hold
 * a match. A name such as {@code x}y} under the rule {@code {{name}}:*} gives {@code {x}y}:*}: its keys
 * {@code {x}y}:1} hash by the tag {@code x}, and so does the pattern. Pinning narrows the scan; matching alone
 * decides what is deleted.
 */
class IdentifierPatternSlotTest {
  private static final List<String> TEMPLATES = List.of("{name}:*", "{{name}}:*", "cache::{name}:*", "{name}",
      "{{name}:*}", "app:{{name}}");

  private static String key(String template, String name) {
    return template.replace("*", "1").replace("{name}", name.toLowerCase(Locale.ROOT));
  }

  @Test
  void aPatternFromAnIdentifierMatchesOnlyThatIdentifiersKeysAndPinsTheirSlot() {
    int pinned = 0;
    for (String template : TEMPLATES) {
      RuleSet rules = new RuleSet(ConfigLoader.builder().systemProperties(
          java.util.Map.of("invalidation.rules.default", template)).build());
      for (String name : GlobPatternTest.hostileIdentifiers()) {
        String pattern = rules.patternsFor(name).get(0);
        GlobPattern glob = GlobPattern.compile(pattern);
        int slot = GlobShapes.pinnedSlot(GlobShapes.literalPrefix(pattern));
        if (slot >= 0) {
          pinned++;
        }
        assertTrue(glob.matches(key(template, name)), template + " / " + name + " -> " + pattern);
        for (String other : GlobPatternTest.universe()) {
          String otherKey = key(template, other);
          boolean sameIdentifier = other.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
          boolean matches = glob.matches(otherKey);
          assertEquals(sameIdentifier, matches, template + " / " + name + " -> " + pattern + " vs " + otherKey);
          if (matches && slot >= 0) {
            assertEquals(SlotHash.getSlot(otherKey), slot, pattern + " pins a slot its key " + otherKey + " is not in");
          }
        }
      }
    }
    assertTrue(pinned > 0, "no pattern pinned a slot: the hash-tag case was not exercised");
  }

  @Test
  void hashTagBracesInANameFollowRedisRules() {
    // {x}y}:* pins the tag "x", the tag its keys hash by.
    assertEquals(SlotHash.getSlot("x"), GlobShapes.pinnedSlot(GlobShapes.literalPrefix("{x}y}:*")));
    assertEquals(SlotHash.getSlot("{x}y}:1"), SlotHash.getSlot("x"));
    // An empty tag pins nothing: Redis hashes the whole key then.
    assertEquals(-1, GlobShapes.pinnedSlot(GlobShapes.literalPrefix("{}}:*")));
    // An escaped glob character inside the tag is unescaped before hashing: {a*b} hashes by "a*b".
    assertEquals(SlotHash.getSlot("a*b"), GlobShapes.pinnedSlot(GlobShapes.literalPrefix(
        "{" + GlobPattern.escape("a*b") + "}:*")));
    // A glob character before the closing brace leaves the tag open: nothing is pinned.
    assertEquals(-1, GlobShapes.pinnedSlot(GlobShapes.literalPrefix("{a*}:*")));
  }
}
