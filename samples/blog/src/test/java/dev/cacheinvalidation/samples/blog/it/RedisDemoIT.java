package dev.cacheinvalidation.samples.blog.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The narrated demo against a real Redis: the agent configured with {@code strategy=redis-pattern} (or
 * {@code versioning}) and {@code redis.uri}, which the sample reads too and so caches in that Redis. The
 * snapshots come from Redis itself (SCAN + GET of the blog's keys; for versioning, the keys of the current
 * versions). {@code await-ms} is raised so that on a busy machine the remote invalidation has finished when
 * {@code commit()} returns, which is what the narration then looks at.
 */
class RedisDemoIT {

  @Test
  void redisPatternDeletesTheCommittedNamesKeys() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      DemoTranscript demo = NarratedDemoIT.run("strategy=redis-pattern,redis.uri=" + redis.uri() + ",await-ms=10000");
      assertTrue(demo.narration().get(0).contains("read caches in Redis at " + redis.uri()), demo.narration().get(0));
      NarratedDemoIT.assertNarratedInvalidations(demo, "removed from the caches");
      Map<String, String> counters = NarratedDemoIT.counters(demo);
      assertEquals("redis-pattern", counters.get("Strategy"));
      assertEquals("{redis-pattern=7}", counters.get("KeysRemovedByStrategy"));
    }
  }

  @Test
  void versioningRetiresTheCommittedNamesKeys() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      DemoTranscript demo = NarratedDemoIT.run("strategy=versioning,redis.uri=" + redis.uri() + ",await-ms=10000");
      assertTrue(demo.narration().get(0).contains("the version in each key"), demo.narration().get(0));
      NarratedDemoIT.assertNarratedInvalidations(demo, "no longer served (new version)");
      assertEquals("versioning", NarratedDemoIT.counters(demo).get("Strategy"));
    }
  }
}
