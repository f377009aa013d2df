package dev.cacheinvalidation.agent.config;

/**
 * Removes credentials from values before they are shown in a log line, an exception message or over JMX.
 * Stateless and thread-safe.
 */
public final class Secrets {
  private Secrets() {}

  /**
   * Masks the user-info part of a URI ({@code redis://user:secret@host} becomes {@code redis://user:***@host},
   * {@code redis://secret@host} becomes {@code redis://***@host}); other text is returned unchanged.
   */
  public static String maskUri(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length());
    int from = 0;
    // A value may hold several URIs (a comma list of cluster or sentinel nodes).
    while (from < value.length()) {
      int scheme = value.indexOf("://", from);
      if (scheme < 0) {
        break;
      }
      int hostStart = scheme + 3;
      int end = indexOfAny(value, hostStart, "/?#, ");
      int at = value.lastIndexOf('@', end - 1);
      out.append(value, from, hostStart);
      if (at >= hostStart) {
        String userInfo = value.substring(hostStart, at);
        int colon = userInfo.indexOf(':');
        out.append(colon >= 0 ? userInfo.substring(0, colon + 1) + "***" : "***");
        out.append(value, at, end);
      } else {
        out.append(value, hostStart, end);
      }
      from = end;
    }
    return out.append(value, from, value.length()).toString();
  }

  private static int indexOfAny(String text, int from, String characters) {
    for (int i = from; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
