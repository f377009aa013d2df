package dev.cacheinvalidation.agent.strategy.redis;

import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.pipeline.Names;
import dev.cacheinvalidation.agent.strategy.InvalidationStrategy;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code versioning}: one {@code INCR} of {@code invalidation.versioning.key} per written name per unit of work.
 * Nothing is deleted: an application that puts the name's version in its cache keys simply stops reading the
 * entries written under the old version, which expire by their TTL (see docs/strategies.md).
 *
 * <p>An invalidation without names (a pattern given over JMX, {@code on-startup}, a retry widened to
 * {@code *}) cannot be mapped back to names, so it bumps every known name: the names configured in rules and
 * those this process has versioned. Over-invalidating is safe; missing one is not.
 *
 * <p>Remote: runs on the dispatcher's workers; a failure throws and is retried (a retried INCR may bump a
 * version twice, which only costs a cache miss). The INCRs of one invalidation are sent together and awaited
 * together. Thread-safe.
 */
public final class VersioningStrategy implements InvalidationStrategy {
  private final RedisEndpoint endpoint;
  private final String keyTemplate;
  private final Set<String> knownNames = ConcurrentHashMap.newKeySet();

  /**
   * @param keyTemplate the version key with {@code {name}} for the lower-case name
   * @param configuredNames names with rules of their own, bumped by invalidations without names
   */
  public VersioningStrategy(RedisEndpoint endpoint, String keyTemplate, Collection<String> configuredNames) {
    this.endpoint = endpoint;
    this.keyTemplate = keyTemplate;
    configuredNames.forEach(name -> knownNames.add(Names.key(name)));
  }

  @Override
  public String name() {
    return "versioning";
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  /** The version key of a name. */
  public String keyOf(String name) {
    return keyTemplate.replace("{name}", Names.key(name));
  }

  /**
   * Bumps the versions.
   *
   * @return -1: how many cache entries the new versions retire cannot be known
   */
  @Override
  public long apply(Invalidation invalidation) throws Exception {
    Set<String> names = new LinkedHashSet<>();
    invalidation.names().forEach(name -> names.add(Names.key(name)));
    if (names.isEmpty()) {
      names.addAll(knownNames);
    } else {
      knownNames.addAll(names);
    }
    RedisClusterAsyncCommands<String, String> commands = endpoint.commands();
    List<RedisFuture<Long>> increments = new ArrayList<>(names.size());
    for (String name : names) {
      increments.add(commands.incr(keyOf(name)));
    }
    for (RedisFuture<Long> increment : increments) {
      await(increment);
    }
    return -1;
  }

  /**
   * The current version of every known name (one {@code MGET}); a name never bumped reads as 0.
   *
   * @throws Exception when Redis cannot be read
   */
  public Map<String, Long> versions() throws Exception {
    List<String> names = new ArrayList<>(new TreeSet<>(knownNames));
    Map<String, Long> versions = new TreeMap<>();
    if (names.isEmpty()) {
      return versions;
    }
    String[] keys = new String[names.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = keyOf(names.get(i));
    }
    List<KeyValue<String, String>> values = await(endpoint.commands().mget(keys));
    for (int i = 0; i < names.size(); i++) {
      KeyValue<String, String> value = values.get(i);
      versions.put(names.get(i), value.hasValue() ? Long.parseLong(value.getValue()) : 0L);
    }
    return versions;
  }

  private <T> T await(RedisFuture<T> future) throws Exception {
    return RedisReplies.await(future, endpoint.settings().commandTimeout().toMillis());
  }
}
