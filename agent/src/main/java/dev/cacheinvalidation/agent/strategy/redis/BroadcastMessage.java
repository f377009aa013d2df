package dev.cacheinvalidation.agent.strategy.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * What one instance publishes for an invalidation: its instance id (so it can ignore its own echo) and the
 * patterns. Encoded as length-prefixed fields ({@code ci1;<len>:<id><len>:<pattern>...}) so any character a
 * pattern may hold, newlines included, survives. Immutable and thread-safe.
 */
record BroadcastMessage(String instanceId, List<String> patterns) {
  private static final String VERSION = "ci1;";

  BroadcastMessage {
    patterns = List.copyOf(patterns);
  }

  String encode() {
    StringBuilder out = new StringBuilder(VERSION);
    field(out, instanceId);
    patterns.forEach(pattern -> field(out, pattern));
    return out.toString();
  }

  /**
   * Decodes a message.
   *
   * @throws IllegalArgumentException when the text is not a message of this format
   */
  static BroadcastMessage decode(String text) {
    if (!text.startsWith(VERSION)) {
      throw new IllegalArgumentException("not a cache-invalidation broadcast");
    }
    List<String> fields = new ArrayList<>();
    int at = VERSION.length();
    while (at < text.length()) {
      int colon = text.indexOf(':', at);
      if (colon < 0) {
        throw new IllegalArgumentException("truncated broadcast");
      }
      int length = Integer.parseInt(text.substring(at, colon));
      int end = colon + 1 + length;
      if (length < 0 || end > text.length()) {
        throw new IllegalArgumentException("truncated broadcast");
      }
      fields.add(text.substring(colon + 1, end));
      at = end;
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("broadcast without instance id");
    }
    return new BroadcastMessage(fields.get(0), fields.subList(1, fields.size()));
  }

  private static void field(StringBuilder out, String value) {
    out.append(value.length()).append(':').append(value);
  }
}
