package dev.cacheinvalidation.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster on loopback ports, built by the test the way {@code redis-cli --cluster create} would
 * (which may be absent): N masters sharing the 16384 slots evenly, each with R replicas, joined with
 * {@code CLUSTER MEET} and slots assigned with {@code CLUSTER ADDSLOTS} (works on Redis 6.2 and 7). Close it to
 * stop every node and delete their cluster files. Not thread-safe.
 */
public final class RedisCluster implements AutoCloseable {
  public static final int SLOTS = 16384;

  private final List<RedisServer> masters = new ArrayList<>();
  private final List<RedisServer> replicas = new ArrayList<>();
  private final Path directory;

  private RedisCluster(Path directory) {
    this.directory = directory;
  }

  public static RedisCluster start(int masterCount, int replicasPerMaster) throws Exception {
    RedisCluster cluster = new RedisCluster(Files.createTempDirectory("redis-cluster"));
    try {
      cluster.build(masterCount, replicasPerMaster);
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  private void build(int masterCount, int replicasPerMaster) throws Exception {
    for (int i = 0; i < masterCount; i++) {
      masters.add(node("m" + i));
      for (int r = 0; r < replicasPerMaster; r++) {
        replicas.add(node("m" + i + "r" + r));
      }
    }
    for (int i = 0; i < masterCount; i++) {
      int first = SLOTS * i / masterCount;
      int last = SLOTS * (i + 1) / masterCount - 1;
      List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
      for (int slot = first; slot <= last; slot++) {
        command.add(String.valueOf(slot));
      }
      try (RespClient client = RespClient.to(masters.get(i).port())) {
        client.call(command.toArray(new String[0]));
      }
    }
    for (RedisServer node : all()) {
      try (RespClient client = RespClient.to(node.port())) {
        client.call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(masters.get(0).port()));
      }
    }
    awaitNodesKnown();
    for (int i = 0; i < masterCount; i++) {
      String masterId;
      try (RespClient client = RespClient.to(masters.get(i).port())) {
        masterId = (String) client.call("CLUSTER", "MYID");
      }
      for (int r = 0; r < replicasPerMaster; r++) {
        try (RespClient client = RespClient.to(replicas.get(i * replicasPerMaster + r).port())) {
          client.call("CLUSTER", "REPLICATE", masterId);
        }
      }
    }
    awaitState();
  }

  private RedisServer node(String name) throws Exception {
    return RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file",
        directory.resolve("nodes-" + name + ".conf").toString(), "--cluster-node-timeout", "5000");
  }

  public List<RedisServer> masters() {
    return List.copyOf(masters);
  }

  public List<RedisServer> replicas() {
    return List.copyOf(replicas);
  }

  public List<RedisServer> all() {
    List<RedisServer> all = new ArrayList<>(masters);
    all.addAll(replicas);
    return all;
  }

  /** The master serving {@code slot}. */
  public RedisServer masterOf(int slot) {
    return masters.get(ownerIndex(slot));
  }

  private int ownerIndex(int slot) {
    for (int i = 0; i < masters.size(); i++) {
      int last = SLOTS * (i + 1) / masters.size() - 1;
      if (slot <= last) {
        return i;
      }
    }
    return masters.size() - 1;
  }

  /** A seed URI listing every master, as an application would configure it. */
  public String uri() {
    List<String> hosts = new ArrayList<>();
    masters.forEach(master -> hosts.add("127.0.0.1:" + master.port()));
    return "redis://" + String.join(",", hosts);
  }

  private void awaitNodesKnown() throws Exception {
    awaitEveryNode("cluster_known_nodes:" + all().size());
  }

  private void awaitState() throws Exception {
    awaitEveryNode("cluster_state:ok");
    // Replicas must be attached (the topology lettuce reads must show them as replicas).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (RedisServer replica : replicas) {
      try (RespClient client = RespClient.to(replica.port())) {
        while (!String.valueOf(client.call("INFO", "replication")).contains("master_link_status:up")) {
          if (System.nanoTime() > deadline) {
            throw new IOException("replica on port " + replica.port() + " did not attach");
          }
          Thread.sleep(50);
        }
      }
    }
  }

  private void awaitEveryNode(String infoLine) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (RedisServer node : all()) {
      try (RespClient client = RespClient.to(node.port())) {
        while (!String.valueOf(client.call("CLUSTER", "INFO")).contains(infoLine)) {
          if (System.nanoTime() > deadline) {
            throw new IOException("cluster node on port " + node.port() + " never reported " + infoLine);
          }
          Thread.sleep(50);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    all().forEach(RedisServer::close);
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(directory);
  }
}
