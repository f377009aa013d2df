package dev.cacheinvalidation.agent.strategy.redis;

import io.lettuce.core.cluster.SlotHash;

/**
 * What a Redis {@code MATCH} pattern tells about the keys it can match, without scanning: whether it is a
 * plain key, the literal text every match starts with, and whether that text pins a cluster hash slot.
 * Stateless and thread-safe.
 */
final class GlobShapes {
  private static final String SPECIAL = "*?[";

  private GlobShapes() {}

  /** Whether the pattern matches exactly one key (no unescaped {@code * ? [}). */
  static boolean isLiteral(String pattern) {
    return literalPrefix(pattern).length() == unescapedLength(pattern);
  }

  /** The text every key matching the pattern starts with, escapes removed; the whole key for a literal. */
  static String literalPrefix(String pattern) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        prefix.append(pattern.charAt(++i));
      } else if (SPECIAL.indexOf(c) >= 0) {
        return prefix.toString();
      } else {
        prefix.append(c);
      }
    }
    return prefix.toString();
  }

  /**
   * The cluster slot every match of the pattern hashes to, or -1: a key's slot is taken from its first
   * {@code {...}} when that is non-empty, so a literal prefix holding a complete, non-empty hash tag (as in
   * {@code {category}:*}) pins the slot.
   */
  static int pinnedSlot(String literalPrefix) {
    int open = literalPrefix.indexOf('{');
    if (open < 0) {
      return -1;
    }
    int close = literalPrefix.indexOf('}', open + 1);
    if (close <= open + 1) {
      return -1;
    }
    return SlotHash.getSlot(literalPrefix.substring(0, close + 1));
  }

  /** The longest common start of two strings. */
  static String commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.substring(0, i);
  }

  private static int unescapedLength(String pattern) {
    int length = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '\\' && i + 1 < pattern.length()) {
        i++;
      }
      length++;
    }
    return length;
  }
}
