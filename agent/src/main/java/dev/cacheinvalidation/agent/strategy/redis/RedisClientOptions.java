package dev.cacheinvalidation.agent.strategy.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.time.Duration;

/**
 * The lettuce options every agent connection uses. The agent's dispatcher owns retrying, so lettuce must fail
 * fast instead of buffering: while disconnected, commands are rejected ({@code REJECT_COMMANDS}) rather than
 * queued without bound, the request queue is bounded, and every command has a timeout. Reconnection stays
 * automatic so that a later retry finds a live connection. Stateless and thread-safe.
 */
final class RedisClientOptions {
  /**
   * Commands one connection may hold unanswered. A pattern-delete batch is one SCAN plus at most one UNLINK per
   * cluster slot of a page (a page is about {@code scan-count} keys), so this leaves ample room for the
   * largest allowed page while still failing fast, instead of growing the heap, when Redis stalls.
   */
  static final int REQUEST_QUEUE_SIZE = 65_536;

  private RedisClientOptions() {}

  static ClientOptions standalone(Duration timeout) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE_SIZE)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
        .build();
  }

  static ClusterClientOptions cluster(Duration timeout) {
    return ClusterClientOptions.builder(standalone(timeout))
        // Follow failovers and resharding: refresh on MOVED/ASK/reconnect, and every minute regardless.
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enableAllAdaptiveRefreshTriggers()
            .enablePeriodicRefresh(Duration.ofMinutes(1))
            .build())
        .build();
  }
}
