package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoint;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.it.harness.RedisCluster;
import dev.cacheinvalidation.it.harness.RedisServer;
import io.lettuce.core.cluster.SlotHash;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code redis-pattern} on a Redis Cluster built by the test (3 masters, one replica each, loopback ports): a
 * pattern delete walks every master and never a replica, unlinks per hash slot (a cross-slot UNLINK would be
 * refused, failing the delete), sends only bounded commands (see {@link Keyspace#assertBoundedCommands}), and a
 * pattern pinning a hash tag is served by its slot's master alone.
 */
class ClusterPatternDeleteIT {
  private static final int MATCHING = 30_000;
  private static final int OTHERS = 270_000;
  private static final int TAGGED = 5_000;

  @Test
  void deletesOnEveryMasterAndPinnedPatternsOnOne() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      Keyspace.load(cluster, MATCHING, i -> "category:" + i);
      Keyspace.load(cluster, OTHERS, i -> "post:" + i);
      Keyspace.load(cluster, TAGGED, i -> "{category}:" + i);
      Keyspace.load(cluster, TAGGED, i -> "{post}:" + i);
      Map<RedisServer, Long> matchingPerMaster = new HashMap<>();
      for (RedisServer master : cluster.masters()) {
        matchingPerMaster.put(master, Keyspace.count(master, "category:*"));
      }
      for (RedisServer node : cluster.all()) {
        Keyspace.watchSlowCommands(node);
        Keyspace.resetCommandStats(node);
      }

      try (RedisEndpoint endpoint = new RedisEndpoint(PatternDeleteAtScaleIT.settings(cluster.uri()));
          RedisPatternStrategy strategy = new RedisPatternStrategy(endpoint)) {
        assertEquals(MATCHING, strategy.apply(PatternDeleteAtScaleIT.invalidation("category:*")));
        for (RedisServer master : cluster.masters()) {
          Keyspace.assertBoundedCommands(master, matchingPerMaster.get(master), PatternDeleteAtScaleIT.SCAN_COUNT);
        }
        for (RedisServer master : cluster.masters()) {
          assertTrue(Keyspace.calls(master, "scan") > 0, "master " + master.port() + " was not scanned");
          assertEquals(0, Keyspace.count(master, "category:*"));
        }
        for (RedisServer replica : cluster.replicas()) {
          assertEquals(0, Keyspace.calls(replica, "scan"), "replica " + replica.port() + " was scanned");
        }

        cluster.all().forEach(node -> resetStats(node));
        RedisServer owner = cluster.masterOf(SlotHash.getSlot("{category}"));
        assertEquals(TAGGED, strategy.apply(PatternDeleteAtScaleIT.invalidation("{category}:*")));
        for (RedisServer node : cluster.all()) {
          assertEquals(node == owner, Keyspace.calls(node, "scan") > 0, "scans on " + node.port());
        }
      }

      long remaining = 0;
      for (RedisServer master : cluster.masters()) {
        assertEquals(0, Keyspace.count(master, "{category}:*"));
        remaining += Keyspace.dbSize(master);
      }
      assertEquals(OTHERS + TAGGED, remaining);
    }
  }

  private static void resetStats(RedisServer node) {
    try {
      Keyspace.resetCommandStats(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
