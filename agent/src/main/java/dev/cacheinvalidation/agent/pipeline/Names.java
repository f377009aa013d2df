package dev.cacheinvalidation.agent.pipeline;

import java.util.Locale;

/** Name comparison rules shared by the pipeline: names compare case-insensitively. */
public final class Names {
  private Names() {}

  /** The key a name is compared by. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
