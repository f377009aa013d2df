package dev.cacheinvalidation.agent.strategy.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code scheme://[user:password@]host1:port1,host2:port2[/db][?options]} into one {@link RedisURI} per
 * host, each carrying the credentials, database and options, so every node of a cluster is reached with the
 * same settings as the seed. A URI with one host gives a one-element list. Stateless and thread-safe.
 */
final class RedisUriList {
  private RedisUriList() {}

  static List<RedisURI> parse(String text) {
    String value = text.trim();
    int schemeEnd = value.indexOf("://");
    if (schemeEnd < 0 || value.startsWith("redis-sentinel://") || value.startsWith("redis-socket://")) {
      // Sentinel URIs list sentinels, not data nodes; lettuce reads those itself.
      return List.of(RedisURI.create(value));
    }
    int hostsStart = schemeEnd + 3;
    int hostsEnd = indexOfAny(value, hostsStart, "/?#");
    int at = value.lastIndexOf('@', hostsEnd - 1);
    String userInfo = at >= hostsStart ? value.substring(hostsStart, at + 1) : "";
    String hosts = value.substring(at >= hostsStart ? at + 1 : hostsStart, hostsEnd);
    String scheme = value.substring(0, hostsStart);
    String rest = value.substring(hostsEnd);
    List<RedisURI> uris = new ArrayList<>();
    for (String host : hosts.split(",")) {
      if (!host.isBlank()) {
        uris.add(RedisURI.create(scheme + userInfo + host.trim() + rest));
      }
    }
    return List.copyOf(uris);
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
