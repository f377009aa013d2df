package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.DaemonThreads;
import dev.cacheinvalidation.agent.logging.AgentLog;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineStrategy;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Receives other instances' Caffeine invalidations on the broadcast channel and applies them to this JVM's
 * Caffeine caches; messages from this instance (its echo) are ignored, they were applied at commit.
 *
 * <p>Missed messages: a subscriber that was not listening may have missed invalidations, so whenever the
 * subscription is (re)established after this JVM could have cached anything unsubscribed — a reconnect
 * after a lost connection (lettuce re-subscribes by itself and confirms with a new {@code subscribe}), or a
 * first subscription that only succeeded after failed attempts — it clears every local Caffeine cache.
 *
 * <p>Subscribing never blocks start-up: attempts run on this subscriber's own daemon thread, retried with
 * backoff (1 s doubling to 30 s) until the first succeeds; after that lettuce reconnects. Thread-safe.
 */
final class CaffeineBroadcastSubscriber extends RedisPubSubAdapter<String, String> implements AutoCloseable {
  private static final Logger log = AgentLog.get(CaffeineBroadcastSubscriber.class);
  private static final long FIRST_RETRY_MILLIS = 1_000;
  private static final long MAX_RETRY_MILLIS = 30_000;

  private final RedisEndpoint endpoint;
  private final String channel;
  private final String instanceId;
  private final CaffeineStrategy caffeine;
  private final ScheduledExecutorService connector;
  private final AtomicLong received = new AtomicLong();
  private volatile StatefulRedisPubSubConnection<String, String> connection;
  private volatile boolean closed;
  /** Set while this JVM may have missed messages: before a first successful subscribe that followed failures. */
  private volatile boolean mayHaveMissed;
  private int subscriptions;

  CaffeineBroadcastSubscriber(RedisEndpoint endpoint, String channel, String instanceId, CaffeineStrategy caffeine) {
    this.endpoint = endpoint;
    this.channel = channel;
    this.instanceId = instanceId;
    this.caffeine = caffeine;
    this.connector = DaemonThreads.timer("cache-invalidation-broadcast-subscriber");
  }

  /** Starts subscribing in the background. */
  void start() {
    connector.execute(() -> subscribe(FIRST_RETRY_MILLIS));
  }

  private void subscribe(long nextDelayMillis) {
    if (closed) {
      return;
    }
    try {
      StatefulRedisPubSubConnection<String, String> pubSub = endpoint.connectPubSub();
      pubSub.addListener(this);
      pubSub.sync().subscribe(channel);
      connection = pubSub;
      if (closed) {
        pubSub.closeAsync();
      }
    } catch (RuntimeException e) {
      mayHaveMissed = true;
      log.warn("caffeine broadcast: cannot subscribe to channel {} at {} (retrying in {} s): {}", channel,
          endpoint.maskedUri(), nextDelayMillis / 1000, e.toString());
      try {
        connector.schedule(() -> subscribe(Math.min(nextDelayMillis * 2, MAX_RETRY_MILLIS)), nextDelayMillis,
            TimeUnit.MILLISECONDS);
      } catch (RuntimeException shutDown) {
        // Closed meanwhile.
      }
    }
  }

  @Override
  public void subscribed(String subscribedChannel, long count) {
    boolean clear;
    synchronized (this) {
      subscriptions++;
      clear = subscriptions > 1 || mayHaveMissed;
      mayHaveMissed = false;
    }
    if (clear) {
      long removed = applyLocally(List.of("*"), "broadcast resubscribed");
      log.info("caffeine broadcast: subscribed again to {}; cleared all local Caffeine caches ({} entries) since "
          + "invalidations may have been missed", subscribedChannel, removed);
    } else {
      log.info("caffeine broadcast: subscribed to channel {} at {}", subscribedChannel, endpoint.maskedUri());
    }
  }

  @Override
  public void message(String fromChannel, String text) {
    BroadcastMessage message;
    try {
      message = BroadcastMessage.decode(text);
    } catch (RuntimeException e) {
      log.warn("caffeine broadcast: ignored a message on {} that is not an invalidation: {}", fromChannel,
          e.getMessage());
      return;
    }
    if (message.instanceId().equals(instanceId)) {
      log.debug("caffeine broadcast: ignored this instance's own echo {}", message.patterns());
      return;
    }
    long removed = applyLocally(message.patterns(), "broadcast from " + message.instanceId());
    log.debug("caffeine broadcast from {}: patterns {} removed {} local entries", message.instanceId(),
        message.patterns(), removed);
  }

  private long applyLocally(List<String> patterns, String origin) {
    try {
      return caffeine.apply(new Invalidation(received.incrementAndGet(), origin, List.of(), patterns,
          System.nanoTime()));
    } catch (RuntimeException e) {
      log.warn("caffeine broadcast: applying {} failed: {}", patterns, e.toString());
      return 0;
    }
  }

  @Override
  public void close() {
    closed = true;
    connector.shutdownNow();
    StatefulRedisPubSubConnection<String, String> current = connection;
    if (current != null) {
      current.closeAsync();
    }
  }
}
