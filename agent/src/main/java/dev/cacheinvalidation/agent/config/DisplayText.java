package dev.cacheinvalidation.agent.config;

/**
 * Makes a user-supplied text safe to quote in one log line: control characters are escaped (a value cannot
 * forge a second log line) and anything past {@value #MAX_SHOWN} characters is cut, with the full length
 * said. Stateless; thread-safe.
 */
public final class DisplayText {
  static final int MAX_SHOWN = 120;

  private DisplayText() {}

  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    int shown = Math.min(text.length(), MAX_SHOWN);
    StringBuilder out = new StringBuilder(shown + 24);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
              || Character.isSurrogate(c) && i == shown - 1) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (text.length() > shown) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
