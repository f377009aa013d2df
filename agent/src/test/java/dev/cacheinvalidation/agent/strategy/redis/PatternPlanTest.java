package dev.cacheinvalidation.agent.strategy.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternPlanTest {

  @Test
  void exactKeysAreUnlinkedWithoutScanning() {
    PatternPlan plan = PatternPlan.of(List.of("category:1", "a\\*b"), false);
    assertEquals(List.of("category:1", "a*b"), plan.exactKeys());
    assertEquals(List.of(), plan.passes());
  }

  @Test
  void starCoversEverythingInOnePassWithoutMatch() {
    PatternPlan plan = PatternPlan.of(List.of("category:1", "post:*", "*"), true);
    assertEquals(List.of(), plan.exactKeys());
    assertEquals(1, plan.passes().size());
    assertEquals(null, plan.passes().get(0).match());
    assertTrue(plan.passes().get(0).wants("anything"));
  }

  @Test
  void oneGlobIsMatchedByTheServerAlone() {
    PatternPlan.Pass pass = single(PatternPlan.of(List.of("post:*"), false));
    assertEquals("post:*", pass.match());
    assertEquals(List.of(), pass.filters());
  }

  @Test
  void globsWithACommonStartShareOnePass() {
    PatternPlan.Pass pass = single(PatternPlan.of(List.of("post:*", "post_tag:*"), false));
    assertEquals("post*", pass.match());
    assertTrue(pass.wants("post:1"));
    assertTrue(pass.wants("post_tag:1"));
    assertFalse(pass.wants("posting:1"));
  }

  @Test
  void commonStartIsEscapedForMatch() {
    assertEquals("a\\*b*", single(PatternPlan.of(List.of("a\\*b:*", "a\\*bc?"), false)).match());
  }

  @Test
  void fewUnrelatedGlobsScanSeparatelyManyShareAPassWithoutMatch() {
    assertEquals(3, PatternPlan.of(List.of("a:*", "b:*", "c:*"), false).passes().size());
    PatternPlan.Pass shared = single(PatternPlan.of(List.of("a:*", "b:*", "c:*", "d:*"), false));
    assertEquals(null, shared.match());
    assertTrue(shared.wants("d:1"));
    assertFalse(shared.wants("e:1"));
  }

  @Test
  void hashTagPinsTheSlotInAClusterOnly() {
    assertEquals(SlotHash.getSlot("category"), single(PatternPlan.of(List.of("{category}:*"), true)).slot());
    assertEquals(-1, single(PatternPlan.of(List.of("{category}:*"), false)).slot());
    assertEquals(-1, single(PatternPlan.of(List.of("{}:*"), true)).slot());
    assertEquals(-1, single(PatternPlan.of(List.of("{cat*}:*"), true)).slot());
    // Patterns pinned to different slots are walked on their own masters.
    assertEquals(2, PatternPlan.of(List.of("{a}:*", "{b}:*"), true).passes().size());
  }

  @Test
  void broadcastMessagesRoundTripAnyCharacters() {
    BroadcastMessage message = new BroadcastMessage("42-x", List.of("a:*", "line\nbreak:1", "", "ci1;3:x"));
    assertEquals(message, BroadcastMessage.decode(message.encode()));
    assertThrows(IllegalArgumentException.class, () -> BroadcastMessage.decode("hello"));
    assertThrows(IllegalArgumentException.class, () -> BroadcastMessage.decode("ci1;9:ab"));
  }

  @Test
  void clusterSeedsKeepCredentialsAndOptions() {
    var uris = RedisUriList.parse("rediss://user:secret@h1:7000,h2:7001/2?timeout=3s");
    assertEquals(2, uris.size());
    assertEquals("h2", uris.get(1).getHost());
    assertEquals(7001, uris.get(1).getPort());
    assertEquals("secret", new String(uris.get(1).getCredentialsProvider().resolveCredentials().block()
        .getPassword()));
    assertTrue(uris.get(1).isSsl());
    assertEquals(2, uris.get(1).getDatabase());
  }

  private static PatternPlan.Pass single(PatternPlan plan) {
    assertEquals(1, plan.passes().size(), plan.passes().toString());
    return plan.passes().get(0);
  }
}
