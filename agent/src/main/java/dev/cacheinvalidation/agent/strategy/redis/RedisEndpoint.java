package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.config.Secrets;
import dev.cacheinvalidation.agent.logging.AgentLog;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;

/**
 * One Redis deployment (standalone, Sentinel-managed or cluster) reached through {@code invalidation.redis.uri},
 * shared by every Redis strategy configured with the same settings.
 *
 * <p>Nothing connects until a strategy first needs Redis; a failed connection attempt throws, and the next call
 * tries again. Two kinds of connections exist: one <em>shared</em> connection (multiplexed, auto-flushing) for
 * single commands ({@code INCR}, {@code UNLINK key}, {@code PUBLISH}), and <em>batch</em> connections, borrowed
 * exclusively for a pattern delete because it turns auto-flush off to pipeline its commands, which would delay
 * everyone else's commands on a shared connection.
 *
 * <p>Cluster detection ({@code invalidation.redis.cluster}): {@code true}/{@code false} force it; {@code auto}
 * treats a URI with several hosts as a cluster and otherwise asks the server ({@code INFO cluster}, which
 * every Redis answers, unlike {@code CLUSTER INFO}). Sentinel URIs are never clusters.
 *
 * <p>Thread-safe.
 */
public final class RedisEndpoint implements AutoCloseable {
  private static final Logger log = AgentLog.get(RedisEndpoint.class);
  /** Idle batch connections kept per server; more are closed on release. One per dispatcher worker is enough. */
  private static final int MAX_IDLE_PER_NODE = 4;

  private final RedisSettings settings;
  private final String maskedUri;
  private final List<RedisURI> seeds;
  private final Map<String, ConcurrentLinkedDeque<StatefulRedisConnection<String, String>>> idle =
      new ConcurrentHashMap<>();
  private final Object connectLock = new Object();
  private volatile Connected connected;
  private volatile boolean closed;

  public RedisEndpoint(RedisSettings settings) {
    this.settings = settings;
    this.maskedUri = Secrets.maskUri(settings.uri());
    this.seeds = RedisUriList.parse(settings.uri());
    seeds.forEach(seed -> seed.setTimeout(settings.commandTimeout()));
  }

  public RedisSettings settings() {
    return settings;
  }

  /** The URI with its password masked, for logs. */
  public String maskedUri() {
    return maskedUri;
  }

  /** Whether the deployment is a Redis Cluster (connects first if needed). */
  public boolean isCluster() {
    return connected().cluster != null;
  }

  /**
   * Asynchronous commands on the shared connection. In a cluster, single-key commands are routed to the slot's
   * master and multi-key ones ({@code MGET}, {@code UNLINK}) are split by slot by lettuce.
   */
  public RedisClusterAsyncCommands<String, String> commands() {
    Connected current = connected();
    return current.cluster != null ? current.cluster.async() : current.standalone.async();
  }

  /**
   * The servers whose keyspace must be walked: the configured one, or every cluster master (never replicas,
   * which hold copies) — only the master of {@code slot} when {@code slot >= 0}.
   */
  List<ScanNode> scanNodes(int slot) {
    Connected current = connected();
    if (current.cluster == null) {
      return List.of(new ScanNode(maskedUri, seeds.get(0)));
    }
    Partitions partitions = current.cluster.getPartitions();
    List<ScanNode> nodes = new ArrayList<>();
    for (RedisClusterNode node : partitions) {
      boolean master = node.is(NodeFlag.UPSTREAM) || node.is(NodeFlag.MASTER);
      if (!master || node.getSlots().isEmpty() || (slot >= 0 && !node.hasSlot(slot))) {
        continue;
      }
      RedisURI address = RedisURI.builder(seeds.get(0)).withHost(node.getUri().getHost())
          .withPort(node.getUri().getPort()).build();
      nodes.add(new ScanNode(node.getUri().getHost() + ":" + node.getUri().getPort(), address));
    }
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no cluster master " + (slot >= 0 ? "serves slot " + slot : "is known")
          + " at " + maskedUri);
    }
    return nodes;
  }

  /** A connection to {@code node} for this caller alone, auto-flush off; give it back with {@link #release}. */
  StatefulRedisConnection<String, String> borrow(ScanNode node) {
    Connected current = connected();
    StatefulRedisConnection<String, String> connection = idleConnections(node).pollFirst();
    while (connection != null && !connection.isOpen()) {
      connection = idleConnections(node).pollFirst();
    }
    if (connection == null) {
      connection = current.client.connect(node.uri());
    }
    connection.setAutoFlushCommands(false);
    return connection;
  }

  /** Returns a borrowed connection; a connection that failed is closed instead of reused (it may hold replies). */
  void release(ScanNode node, StatefulRedisConnection<String, String> connection, boolean failed) {
    ConcurrentLinkedDeque<StatefulRedisConnection<String, String>> pool = idleConnections(node);
    if (failed || closed || !connection.isOpen() || pool.size() >= MAX_IDLE_PER_NODE) {
      connection.closeAsync();
      return;
    }
    pool.addFirst(connection);
  }

  /** A new publish/subscribe connection (the caller owns and closes it). */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    Connected current = connected();
    return current.clusterClient != null ? current.clusterClient.connectPubSub()
        : current.client.connectPubSub(seeds.get(0));
  }

  private ConcurrentLinkedDeque<StatefulRedisConnection<String, String>> idleConnections(ScanNode node) {
    return idle.computeIfAbsent(node.label(), label -> new ConcurrentLinkedDeque<>());
  }

  private Connected connected() {
    Connected current = connected;
    if (current != null) {
      return current;
    }
    synchronized (connectLock) {
      if (closed) {
        throw new IllegalStateException("the Redis connection to " + maskedUri + " is closed");
      }
      if (connected == null) {
        connected = connect();
      }
      return connected;
    }
  }

  private Connected connect() {
    ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2)
        .computationThreadPoolSize(2).build();
    RedisClient client = RedisClient.create(resources);
    client.setOptions(RedisClientOptions.standalone(settings.commandTimeout()));
    try {
      boolean cluster = isCluster(client);
      if (!cluster) {
        StatefulRedisConnection<String, String> shared = client.connect(seeds.get(0));
        log.info("redis: connected to {}", maskedUri);
        return new Connected(resources, client, shared, null, null);
      }
      RedisClusterClient clusterClient = RedisClusterClient.create(resources, seeds);
      clusterClient.setOptions(RedisClientOptions.cluster(settings.commandTimeout()));
      try {
        StatefulRedisClusterConnection<String, String> shared = clusterClient.connect();
        log.info("redis: connected to the cluster at {} ({} nodes)", maskedUri, shared.getPartitions().size());
        return new Connected(resources, client, null, clusterClient, shared);
      } catch (RuntimeException e) {
        clusterClient.shutdown();
        throw e;
      }
    } catch (RuntimeException e) {
      client.shutdown();
      resources.shutdown();
      throw e;
    }
  }

  private boolean isCluster(RedisClient client) {
    switch (settings.cluster()) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        if (settings.uri().trim().startsWith("redis-sentinel://") || settings.uri().trim()
            .startsWith("redis-socket://")) {
          return false;
        }
        if (seeds.size() > 1) {
          return true;
        }
        try (StatefulRedisConnection<String, String> probe = client.connect(seeds.get(0))) {
          return probe.sync().info("cluster").contains("cluster_enabled:1");
        }
    }
  }

  @Override
  public void close() {
    Connected current;
    synchronized (connectLock) {
      closed = true;
      current = connected;
      connected = null;
    }
    idle.values().forEach(pool -> pool.forEach(StatefulRedisConnection::closeAsync));
    idle.clear();
    if (current != null) {
      current.close();
    }
  }

  /** The clients and shared connection of a connected endpoint; exactly one of standalone/cluster is set. */
  private record Connected(ClientResources resources, RedisClient client,
      StatefulRedisConnection<String, String> standalone, RedisClusterClient clusterClient,
      StatefulRedisClusterConnection<String, String> cluster) {

    void close() {
      try {
        if (standalone != null) {
          standalone.close();
        }
        if (cluster != null) {
          cluster.close();
        }
        if (clusterClient != null) {
          clusterClient.shutdown();
        }
        client.shutdown();
      } finally {
        resources.shutdown();
      }
    }
  }
}
