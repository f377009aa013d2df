package dev.cacheinvalidation.agent.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Name comparison rules shared by the pipeline: names compare case-insensitively.
 *
 * <p>Keys are memoised: an application writes the same few entity and table names over and over, and
 * lower-casing {@code Category} allocates a new string each time. The memo stops growing at
 * {@value #MEMO_LIMIT} names (names from hostile input keep working, they are just lower-cased each time).
 * Thread-safe.
 */
public final class Names {
  private static final int MEMO_LIMIT = 4_096;
  private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

  private Names() {}

  /** The key a name is compared by. */
  public static String key(String name) {
    String key = KEYS.get(name);
    if (key != null) {
      return key;
    }
    key = name.toLowerCase(Locale.ROOT);
    if (KEYS.size() < MEMO_LIMIT) {
      KEYS.put(name, key);
    }
    return key;
  }
}
