package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class GlobPatternTest {
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

  /** Identifiers made of every glob and hash-tag metacharacter, alone, leading, trailing and inside. */
  public static List<String> hostileIdentifiers() {
    List<String> names = new ArrayList<>();
    for (char c : "*?[]\\{}^-!".toCharArray()) {
      names.addAll(List.of(String.valueOf(c), c + "x", "x" + c, "a" + c + "b", "" + c + c));
    }
    names.addAll(List.of("{x}", "a{x}b", "{}", "{x", "x}", "}{", "a[b-c]d", "[^a]", "a\\*", "\\", "a**b",
        "{name}", "x:y", "ünï", "a b"));
    return names;
  }

  /** The identifiers above plus near misses: each metacharacter replaced by a letter, or dropped. */
  public static List<String> universe() {
    Set<String> out = new LinkedHashSet<>(hostileIdentifiers());
    for (String name : hostileIdentifiers()) {
      out.add(name.replaceAll("[^a-z0-9:]", "X"));
      out.add(name.replaceAll("[^a-z0-9:]", ""));
      out.add(name + "x");
      out.add("x" + name);
    }
    out.remove("");
    return new ArrayList<>(out);
  }

  @Test
  void everyMetacharacterIsEscapedSoAnIdentifierMatchesOnlyItself() {
    for (String name : hostileIdentifiers()) {
      GlobPattern exact = GlobPattern.compile(GlobPattern.escape(name));
      GlobPattern prefixed = GlobPattern.compile("app:" + GlobPattern.escape(name) + ":*");
      for (String other : universe()) {
        assertEquals(other.equals(name), exact.matches(other), name + " vs " + other);
        assertEquals(other.equals(name), prefixed.matches("app:" + other + ":1"), name + " vs " + other);
      }
    }
  }

  @Test
  void pathologicalPatternsStayLinearish() {
    String key = "a".repeat(5_000);
    assertFalse(matches("*a*a*a*a*a*a*a*b", key));
  }

  @Test
  void literalPrefixAndShapeAreReadFromThePattern() {
    assertEquals("product:", GlobPattern.compile("product:*").literalPrefix());
    assertTrue(GlobPattern.compile("product:*").isPrefixThenAnything());
    assertTrue(GlobPattern.compile("product:**").isPrefixThenAnything());
    assertFalse(GlobPattern.compile("product:*:x").isPrefixThenAnything());
    assertEquals("a*b", GlobPattern.compile("a\\*b?").literalPrefix());
    assertEquals("", GlobPattern.compile("?x*").literalPrefix());
    assertFalse(GlobPattern.compile("exact").isPrefixThenAnything());
    assertTrue(GlobPattern.compile("categories::*").matchesEveryKeyStartingWith("categories::"));
    assertTrue(GlobPattern.compile("cat*").matchesEveryKeyStartingWith("categories::"));
    assertFalse(GlobPattern.compile("categories::1*").matchesEveryKeyStartingWith("categories::"));
    assertTrue(GlobPattern.compile("categories::1*").mayMatchSomeKeyStartingWith("categories::"));
    assertTrue(GlobPattern.compile("c?t*").mayMatchSomeKeyStartingWith("categories::"));
    assertFalse(GlobPattern.compile("products::*").mayMatchSomeKeyStartingWith("categories::"));
    assertFalse(GlobPattern.compile("cat:*").mayMatchSomeKeyStartingWith("categories::"));
  }

  /** The shortcuts of matches() (prefix, literal, prefix check before walking) agree with the full walk. */
  @Test
  void shortcutsAgreeWithTheFullMatcher() {
    java.util.Random random = new java.util.Random(42);
    String alphabet = "ab:*?[]^-\\";
    String keyAlphabet = "ab:*?[]\\";
    for (int i = 0; i < 20_000; i++) {
      String pattern = randomText(random, alphabet, 7);
      String key = randomText(random, keyAlphabet, 7);
      GlobPattern glob = GlobPattern.compile(pattern);
      assertEquals(glob.matchesByWalking(key), glob.matches(key), pattern + " vs " + key);
      if (glob.matches(key)) {
        assertTrue(key.startsWith(glob.literalPrefix()), pattern + " vs " + key);
      }
    }
  }

  static String randomText(java.util.Random random, String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
