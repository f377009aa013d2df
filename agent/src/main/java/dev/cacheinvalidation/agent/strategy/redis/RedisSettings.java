package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigKey;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import java.time.Duration;
import java.util.List;

/**
 * The Redis part of the configuration, read once when a Redis strategy is created.
 *
 * @param uri {@code invalidation.redis.uri}; may hold a password, so never log it unmasked
 * @param cluster {@code invalidation.redis.cluster}: {@code auto}, {@code true} or {@code false}
 * @param commandTimeout how long one command may take before it fails (and the dispatcher retries)
 * @param scanCount the {@code COUNT} hint of each {@code SCAN}
 * @param deleteAgainAfterMillis delay of the second, delayed delete; 0 for none
 */
public record RedisSettings(String uri, String cluster, Duration commandTimeout, int scanCount,
    long deleteAgainAfterMillis) {

  /** The keys {@link #from} reads, in its order. */
  public static final List<ConfigKey<?>> KEYS = List.of(ConfigKeys.REDIS_URI, ConfigKeys.REDIS_CLUSTER,
      ConfigKeys.REDIS_TIMEOUT_MS, ConfigKeys.REDIS_SCAN_COUNT, ConfigKeys.REDIS_DELETE_AGAIN_AFTER_MS);

  public static RedisSettings from(AgentConfig config) {
    return new RedisSettings(config.get(ConfigKeys.REDIS_URI), config.get(ConfigKeys.REDIS_CLUSTER),
        Duration.ofMillis(config.get(ConfigKeys.REDIS_TIMEOUT_MS)), config.get(ConfigKeys.REDIS_SCAN_COUNT),
        config.get(ConfigKeys.REDIS_DELETE_AGAIN_AFTER_MS));
  }

  /** The identity of a shared connection: strategies with equal keys share one {@link RedisEndpoint}. */
  String endpointKey() {
    return uri + "|" + cluster + "|" + commandTimeout.toMillis();
  }
}
