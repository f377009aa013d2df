package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import dev.cacheinvalidation.agent.strategy.caffeine.CaffeineStrategy;
import java.util.UUID;

/**
 * {@code caffeine-broadcast}, the remote half of the {@code caffeine} strategy when
 * {@code invalidation.caffeine.broadcast=true}: {@code PUBLISH}es each invalidation's patterns, with this
 * instance's id, on {@code invalidation.caffeine.channel}, where every instance's
 * {@link CaffeineBroadcastSubscriber} applies them to its own Caffeine caches.
 *
 * <p>Why a strategy of its own: the local clear must stay on the committing thread (the writer reads its own
 * write), while the publish is a network call that must not block it and must be retried when Redis is away.
 * As a separate non-local strategy, the dispatcher runs it on its workers and retries it like any remote one.
 *
 * <p>Owns the subscriber, which starts when this strategy is created. Thread-safe.
 */
public final class CaffeineBroadcastStrategy implements InvalidationStrategy {
  private final RedisEndpoint endpoint;
  private final String channel;
  private final String instanceId;
  private final CaffeineBroadcastSubscriber subscriber;

  /**
   * @param caffeine the local strategy that received broadcasts are applied with
   */
  public CaffeineBroadcastStrategy(RedisEndpoint endpoint, String channel, CaffeineStrategy caffeine) {
    this.endpoint = endpoint;
    this.channel = channel;
    this.instanceId = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    this.subscriber = new CaffeineBroadcastSubscriber(endpoint, channel, instanceId, caffeine);
    subscriber.start();
  }

  @Override
  public String name() {
    return "caffeine-broadcast";
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  /**
   * Publishes the patterns.
   *
   * @return -1: what other instances remove is not known here
   */
  @Override
  public long apply(Invalidation invalidation) throws Exception {
    String message = new BroadcastMessage(instanceId, invalidation.patterns()).encode();
    RedisReplies.await(endpoint.commands().publish(channel, message), endpoint.settings().commandTimeout().toMillis());
    return -1;
  }

  @Override
  public void close() {
    subscriber.close();
  }
}
