package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobPatternTest {
  private static boolean matches(String pattern, String key) {
    return GlobPattern.compile(pattern).matches(key);
  }

  @Test
  void redisMatchSemantics() {
    assertTrue(matches("category:*", "category:1"));
    assertTrue(matches("category:*", "category:"));
    assertFalse(matches("category:*", "categoryx:1"));
    assertFalse(matches("category:*", "xcategory:1"));
    assertTrue(matches("*:list", "post:list"));
    assertTrue(matches("p?st:*", "post:1"));
    assertTrue(matches("post:[0-9]", "post:7"));
    assertFalse(matches("post:[^0-9]", "post:7"));
    assertTrue(matches("post:[abc]", "post:b"));
    assertTrue(matches("a*b*c", "aXXbYYbZZc"));
    assertFalse(matches("a*b*c", "aXXbYYbZZ"));
    assertTrue(matches("*", ""));
    assertTrue(matches("categories::*", "categories::SimpleKey [1]"));
  }

  @Test
  void escapedIdentifiersMatchOnlyThemselves() {
    String table = "a*[b]?\\";
    String pattern = GlobPattern.escape(table) + ":*";
    assertTrue(matches(pattern, table + ":1"));
    assertFalse(matches(pattern, "aXXX[b]?\\:1"));
    assertFalse(matches(pattern, "a*b?\\:1"));
    assertFalse(matches(GlobPattern.escape("a*") + ":*", "abc:1"));
  }

  @Test
  void pathologicalPatternsStayLinearish() {
    String key = "a".repeat(5_000);
    assertFalse(matches("*a*a*a*a*a*a*a*b", key));
  }
}
