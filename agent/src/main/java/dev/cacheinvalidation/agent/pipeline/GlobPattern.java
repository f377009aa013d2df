package dev.cacheinvalidation.agent.pipeline;

/**
 * A cache-key glob with Redis {@code MATCH} semantics: {@code *} any run, {@code ?} any one character,
 * {@code [abc]}, {@code [a-z]}, {@code [^a]} classes and {@code \} escapes; everything else literal.
 *
 * <p>The same text selects the same keys in Redis and in local caches, so a rule means one thing whatever the
 * strategy. Matching is iterative (no recursion) and runs in O(pattern × key) at worst. Immutable and
 * thread-safe.
 */
public final class GlobPattern {
  private static final String SPECIAL = "*?[]\\";

  private final String pattern;
  private final boolean matchesEverything;
  /** What every matching key starts with: the pattern's characters before its first {@code *}, {@code ?} or {@code [}. */
  private final String literalPrefix;
  /** The pattern is its literal prefix and nothing else: it matches that one string. */
  private final boolean literal;
  /** The pattern is its literal prefix followed by stars only: it matches exactly the keys with that prefix. */
  private final boolean prefixThenAnything;

  private GlobPattern(String pattern) {
    this.pattern = pattern;
    this.matchesEverything = pattern.equals("*");
    StringBuilder prefix = new StringBuilder(pattern.length());
    int p = 0;
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '*' || c == '?' || c == '[') {
        break;
      }
      if (c == '\\' && p + 1 < pattern.length()) {
        c = pattern.charAt(++p); // an escaped character is literal; a trailing backslash matches itself
      }
      prefix.append(c);
      p++;
    }
    this.literalPrefix = prefix.toString();
    this.literal = p == pattern.length();
    int stars = p;
    while (stars < pattern.length() && pattern.charAt(stars) == '*') {
      stars++;
    }
    this.prefixThenAnything = stars > p && stars == pattern.length();
  }

  public static GlobPattern compile(String pattern) {
    return new GlobPattern(pattern);
  }

  public String pattern() {
    return pattern;
  }

  /** Whether this pattern matches every key (and a cache may simply be cleared). */
  public boolean matchesEverything() {
    return matchesEverything;
  }

  /** The literal text every matching key starts with (empty when the pattern starts with a wildcard). */
  public String literalPrefix() {
    return literalPrefix;
  }

  /** Whether the pattern is a literal prefix followed by {@code *} only: a key matches iff it starts with it. */
  public boolean isPrefixThenAnything() {
    return prefixThenAnything;
  }

  /**
   * Whether some key starting with {@code prefix} may match. False means none can (exact): every match starts
   * with the literal prefix, so the two must agree on their common length.
   */
  public boolean mayMatchSomeKeyStartingWith(String prefix) {
    return matchesEverything || literalPrefix.startsWith(prefix) || prefix.startsWith(literalPrefix);
  }

  /** Whether every key starting with {@code prefix} matches (exact when true; false may still be all). */
  public boolean matchesEveryKeyStartingWith(String prefix) {
    return matchesEverything || (prefixThenAnything && prefix.startsWith(literalPrefix));
  }

  /** Escapes an identifier so that, placed in a pattern, it matches only itself. */
  public static String escape(String identifier) {
    StringBuilder out = null;
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        if (out == null) {
          out = new StringBuilder(identifier.length() + 8).append(identifier, 0, i);
        }
        out.append('\\');
      }
      if (out != null) {
        out.append(c);
      }
    }
    return out == null ? identifier : out.toString();
  }

  /** Whether {@code key} matches. */
  public boolean matches(String key) {
    if (matchesEverything) {
      return true;
    }
    // Shortcuts, exact by construction: most rules are literal prefixes ("product:42:*").
    if (prefixThenAnything) {
      return key.startsWith(literalPrefix);
    }
    if (literal) {
      return key.equals(literalPrefix);
    }
    return key.startsWith(literalPrefix) && matchesByWalking(key);
  }

  /** The full matcher, without the shortcuts of {@link #matches}: the reference the shortcuts are tested against. */
  boolean matchesByWalking(String key) {
    int p = 0;
    int k = 0;
    int starP = -1;
    int starK = -1;
    while (k < key.length()) {
      if (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == '*') {
          while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
          }
          if (p == pattern.length()) {
            return true;
          }
          starP = p;
          starK = k;
          continue;
        }
        int next = matchOne(p, key.charAt(k));
        if (next >= 0) {
          p = next;
          k++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      // Backtrack: let the last star absorb one more character.
      p = starP;
      k = ++starK;
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** Matches one pattern element at {@code p} against {@code c}; returns the next pattern index, or -1. */
  private int matchOne(int p, char c) {
    char pc = pattern.charAt(p);
    switch (pc) {
      case '?':
        return p + 1;
      case '\\':
        if (p + 1 < pattern.length()) {
          return pattern.charAt(p + 1) == c ? p + 2 : -1;
        }
        return c == '\\' ? p + 1 : -1;
      case '[':
        return matchClass(p, c);
      default:
        return pc == c ? p + 1 : -1;
    }
  }

  private int matchClass(int open, char c) {
    int i = open + 1;
    boolean negate = i < pattern.length() && pattern.charAt(i) == '^';
    if (negate) {
      i++;
    }
    boolean matched = false;
    while (i < pattern.length() && pattern.charAt(i) != ']') {
      char start = pattern.charAt(i);
      if (start == '\\' && i + 1 < pattern.length()) {
        start = pattern.charAt(++i);
        matched |= start == c;
        i++;
      } else if (i + 2 < pattern.length() && pattern.charAt(i + 1) == '-' && pattern.charAt(i + 2) != ']') {
        char end = pattern.charAt(i + 2);
        char low = start <= end ? start : end;
        char high = start <= end ? end : start;
        matched |= c >= low && c <= high;
        i += 3;
      } else {
        matched |= start == c;
        i++;
      }
    }
    // Like Redis, an unterminated class runs to the end of the pattern.
    int next = i < pattern.length() ? i + 1 : i;
    return matched != negate ? next : -1;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
