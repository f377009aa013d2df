package dev.cacheinvalidation.samples.redisbenchmark;

import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoint;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pattern-delete benchmark. On its own redis-server, with {@code --keys} keys of which {@code --matching} match
 * {@code category:*}, each round times, on the same keyspace:
 * <ol>
 *   <li>the floor: one plain {@code SCAN 0.. MATCH category:* COUNT n} pass that deletes nothing;
 *   <li>the {@code redis-pattern} strategy deleting {@code category:*} (the agent's real code);
 *   <li>{@code KEYS category:*} then {@code DEL} in pipelined batches of 1000 (matches reloaded first).
 * </ol>
 * and the slowest command Redis logged in each (SLOWLOG). Prints the median of the rounds as a table.
 *
 * <p>Run: {@code java -cp agent/target/cache-invalidation-agent.jar:samples/redis-benchmark/target/redis-benchmark.jar
 * dev.cacheinvalidation.samples.redisbenchmark.Main [--keys 1000000] [--matching 100000] [--rounds 3]
 * [--scan-count 1000] [--redis-server redis-server]}
 */
public final class Main {
  private static final String PATTERN = "category:*";

  private final int keys;
  private final int matching;
  private final int scanCount;

  private Main(int keys, int matching, int scanCount) {
    this.keys = keys;
    this.matching = matching;
    this.scanCount = scanCount;
  }

  public static void main(String[] args) throws Exception {
    int keys = intArg(args, "--keys", 1_000_000);
    int matching = intArg(args, "--matching", 100_000);
    int rounds = intArg(args, "--rounds", 3);
    int scanCount = intArg(args, "--scan-count", 1000);
    String binary = stringArg(args, "--redis-server", "redis-server");
    try (RedisProcess redis = RedisProcess.start(binary)) {
      new Main(keys, matching, scanCount).run(redis, rounds);
    }
  }

  private void run(RedisProcess redis, int rounds) throws Exception {
    RedisSettings settings = new RedisSettings("redis://127.0.0.1:" + redis.port() + "/0", "false",
        Duration.ofSeconds(30), scanCount, 0);
    long[][] millis = new long[3][rounds];
    long[][] slowest = new long[3][rounds];
    String[] slowestCommand = new String[3];
    try (RedisEndpoint endpoint = new RedisEndpoint(settings);
        RedisPatternStrategy strategy = new RedisPatternStrategy(endpoint);
        Resp resp = new Resp(redis.port())) {
      resp.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
      resp.call("CONFIG", "SET", "slowlog-max-len", "100000");
      warmUp(resp, strategy);
      for (int round = 0; round < rounds; round++) {
        resp.call("FLUSHALL");
        load(resp, keys - matching, "post:");
        load(resp, matching, "category:");
        Phase floor = measure(resp, () -> scanOnly(resp));
        Phase ours = measure(resp, () -> strategy.apply(invalidation()));
        check(ours.result, "redis-pattern");
        load(resp, matching, "category:");
        Phase naive = measure(resp, () -> keysAndDel(resp));
        check(naive.result, "KEYS+DEL");
        Phase[] phases = {floor, ours, naive};
        for (int p = 0; p < 3; p++) {
          millis[p][round] = phases[p].millis;
          slowest[p][round] = phases[p].slowestMicros;
          if (round == rounds - 1) {
            slowestCommand[p] = phases[p].slowestCommand;
          }
        }
        System.out.printf("round %d: floor %d ms, redis-pattern %d ms (%.2fx), KEYS+DEL %d ms%n", round + 1,
            floor.millis, ours.millis, (double) ours.millis / Math.max(1, floor.millis), naive.millis);
      }
    }
    print(rounds, millis, slowest, slowestCommand);
  }

  private void print(int rounds, long[][] millis, long[][] slowest, String[] slowestCommand) {
    String[] names = {"SCAN pass only (floor)", "redis-pattern strategy", "KEYS + DEL"};
    System.out.printf("%n%,d keys, %,d matching %s, SCAN COUNT %d, median of %d round(s)%n", keys, matching,
        PATTERN, scanCount, rounds);
    // The ratio is taken per round (floor and method ran back to back on the same keyspace), then the median.
    System.out.printf("%-24s %10s %9s %15s  %s%n", "method", "time (ms)", "x floor", "slowest (us)",
        "slowest command (last round)");
    for (int p = 0; p < 3; p++) {
      long[] ratios = new long[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = millis[0][round] == 0 ? 0 : millis[p][round] * 1000 / millis[0][round];
      }
      System.out.printf("%-24s %10d %9.2f %15d  %s%n", names[p], median(millis[p]), median(ratios) / 1000.0,
          median(slowest[p]), slowestCommand[p]);
    }
  }

  private void warmUp(Resp resp, RedisPatternStrategy strategy) throws Exception {
    load(resp, 20_000, "warmup:");
    strategy.apply(new Invalidation(0, "warm-up", List.of(), List.of("warmup:*"), System.nanoTime()));
  }

  private long scanOnly(Resp resp) throws IOException {
    long seen = 0;
    String cursor = "0";
    do {
      List<?> reply = (List<?>) resp.call("SCAN", cursor, "MATCH", PATTERN, "COUNT", String.valueOf(scanCount));
      cursor = (String) reply.get(0);
      seen += ((List<?>) reply.get(1)).size();
    } while (!cursor.equals("0"));
    return seen;
  }

  private long keysAndDel(Resp resp) throws IOException {
    List<?> found = (List<?>) resp.call("KEYS", PATTERN);
    List<String[]> deletes = new ArrayList<>();
    for (int from = 0; from < found.size(); from += 1000) {
      List<String> command = new ArrayList<>(List.of("DEL"));
      found.subList(from, Math.min(found.size(), from + 1000)).forEach(key -> command.add((String) key));
      deletes.add(command.toArray(new String[0]));
    }
    long removed = 0;
    for (Object count : resp.pipeline(deletes)) {
      removed += (Long) count;
    }
    return removed;
  }

  private static Invalidation invalidation() {
    return new Invalidation(1, "benchmark", List.of("category"), List.of(PATTERN), System.nanoTime());
  }

  private void check(long removed, String method) {
    if (removed != matching) {
      throw new IllegalStateException(method + " removed " + removed + " keys, expected " + matching);
    }
  }

  private static void load(Resp resp, int count, String prefix) throws IOException {
    List<String[]> batch = new ArrayList<>();
    for (int from = 0; from < count; from += 500) {
      List<String> mset = new ArrayList<>(List.of("MSET"));
      for (int i = from; i < Math.min(count, from + 500); i++) {
        mset.add(prefix + i);
        mset.add("v");
      }
      batch.add(mset.toArray(new String[0]));
      if (batch.size() == 20) {
        resp.pipeline(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      resp.pipeline(batch);
    }
  }

  private interface Work {
    long run() throws Exception;
  }

  /** One timed phase: duration, result and the slowest command Redis ran meanwhile. */
  private record Phase(long millis, long result, long slowestMicros, String slowestCommand) {}

  private static Phase measure(Resp resp, Work work) throws Exception {
    resp.call("SLOWLOG", "RESET");
    long started = System.nanoTime();
    long result = work.run();
    long millis = (System.nanoTime() - started) / 1_000_000;
    long slowestMicros = 0;
    String slowestCommand = "-";
    for (Object entry : (List<?>) resp.call("SLOWLOG", "GET", "-1")) {
      List<?> fields = (List<?>) entry;
      List<?> arguments = (List<?>) fields.get(3);
      String name = String.valueOf(arguments.get(0));
      long micros = (Long) fields.get(2);
      if (micros > slowestMicros && !name.equalsIgnoreCase("SLOWLOG")) {
        slowestMicros = micros;
        slowestCommand = String.join(" ", arguments.subList(0, Math.min(3, arguments.size())).stream()
            .map(String::valueOf).toList()) + (arguments.size() > 3 ? " ... (" + arguments.size() + " args)" : "");
      }
    }
    return new Phase(millis, result, slowestMicros, slowestCommand);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static int intArg(String[] args, String name, int fallback) {
    String value = stringArg(args, name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
