package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.RedisCluster;
import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.it.harness.RespClient;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Test-side helpers to fill, count and inspect the keyspace of real redis-servers through {@link RespClient}:
 * pipelined loading (routed by hash slot on a cluster), SCAN counts, SLOWLOG and command statistics.
 */
final class Keyspace {
  private static final int PIPELINE = 10_000;

  private Keyspace() {}

  /** Sets {@code count} keys named by {@code name} on a standalone server, 500 per MSET, pipelined. */
  static void load(RedisServer server, int count, IntFunction<String> name) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      List<String[]> batch = new ArrayList<>();
      List<String> mset = new ArrayList<>(List.of("MSET"));
      for (int i = 0; i < count; i++) {
        mset.add(name.apply(i));
        mset.add("v");
        if (mset.size() > 1000 || i == count - 1) {
          batch.add(mset.toArray(new String[0]));
          mset = new ArrayList<>(List.of("MSET"));
        }
        if (batch.size() == PIPELINE / 500 || i == count - 1) {
          client.pipeline(batch);
          batch.clear();
        }
      }
    }
  }

  /** Sets {@code count} keys on the cluster, each sent to the master of its slot. */
  static void load(RedisCluster cluster, int count, IntFunction<String> name) throws IOException {
    Map<RedisServer, List<String[]>> byNode = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = name.apply(i);
      RedisServer owner = cluster.masterOf(SlotHash.getSlot(key));
      List<String[]> commands = byNode.computeIfAbsent(owner, node -> new ArrayList<>());
      commands.add(new String[] {"SET", key, "v"});
      if (commands.size() == PIPELINE) {
        send(owner, commands);
      }
    }
    for (Map.Entry<RedisServer, List<String[]>> entry : byNode.entrySet()) {
      send(entry.getKey(), entry.getValue());
    }
  }

  private static void send(RedisServer node, List<String[]> commands) throws IOException {
    if (commands.isEmpty()) {
      return;
    }
    try (RespClient client = RespClient.to(node.port())) {
      client.pipeline(commands);
    }
    commands.clear();
  }

  /** How many keys of one server match {@code pattern} (a full SCAN pass). */
  static long count(RedisServer server, String pattern) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      return count(client, pattern);
    }
  }

  /** How many keys match {@code pattern} on the server {@code client} talks to (a full SCAN pass). */
  static long count(RespClient client, String pattern) throws IOException {
    long count = 0;
    String cursor = "0";
    do {
      List<?> reply = (List<?>) client.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = (String) reply.get(0);
      count += ((List<?>) reply.get(1)).size();
    } while (!cursor.equals("0"));
    return count;
  }

  static long dbSize(RedisServer server) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      return client.callLong("DBSIZE");
    }
  }

  /** Logs every later command slower than 10 ms in SLOWLOG, which starts empty. */
  static void watchSlowCommands(RedisServer server) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      client.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
      client.call("CONFIG", "SET", "slowlog-max-len", "1024");
      client.call("SLOWLOG", "RESET");
    }
  }

  /** The SLOWLOG entries (commands over the threshold) as {@code <micros> us: <command>} lines. */
  static List<String> slowCommands(RedisServer server) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      List<String> slow = new ArrayList<>();
      for (Object entry : (List<?>) client.call("SLOWLOG", "GET", "1024")) {
        List<?> fields = (List<?>) entry;
        List<?> arguments = (List<?>) fields.get(3);
        slow.add(fields.get(2) + " us: " + arguments.subList(0, Math.min(4, arguments.size())));
      }
      return slow;
    }
  }

  /**
   * Asserts what keeps every command of a pattern delete short, whatever the machine's load: no unbounded command
   * ran ({@code KEYS}, {@code DEL}, scripts, {@code FLUSH*}), {@code SCAN} was used, and the {@code UNLINK}s
   * removed at most one SCAN page ({@code scanCount} keys) each on average. Redis's own time per command is
   * reported from SLOWLOG, not asserted: SLOWLOG measures wall time, which a loaded host stretches; the
   * benchmark (samples/redis-benchmark) reports it on a quiet machine.
   */
  static void assertBoundedCommands(RedisServer server, long removed, int scanCount) throws IOException {
    for (String unbounded : List.of("keys", "del", "eval", "evalsha", "fcall", "flushdb", "flushall")) {
      assertEquals(0, calls(server, unbounded), unbounded + " was called on " + server.port());
    }
    if (removed > 0) {
      assertTrue(calls(server, "scan") > 0, "no SCAN on " + server.port());
      long unlinks = calls(server, "unlink");
      assertTrue(unlinks * scanCount >= removed,
          removed + " keys removed by " + unlinks + " UNLINKs on " + server.port() + ": batches over " + scanCount);
    }
    List<String> slow = slowCommands(server);
    if (!slow.isEmpty()) {
      System.out.println("redis " + server.port() + ": commands over 10 ms (wall time, load-dependent): " + slow);
    }
  }

  /** Clears a server's command statistics. */
  static void resetCommandStats(RedisServer server) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      client.call("CONFIG", "RESETSTAT");
    }
  }

  /** How many times a server ran {@code command} since the last reset (INFO commandstats). */
  static long calls(RedisServer server, String command) throws IOException {
    try (RespClient client = RespClient.to(server.port())) {
      String info = (String) client.call("INFO", "commandstats");
      String prefix = "cmdstat_" + command + ":calls=";
      for (String line : info.split("\r\n")) {
        if (line.startsWith(prefix)) {
          return Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
        }
      }
      return 0;
    }
  }
}
