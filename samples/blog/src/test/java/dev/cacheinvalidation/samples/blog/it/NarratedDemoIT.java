package dev.cacheinvalidation.samples.blog.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the narrated demo ({@code --demo-only}) the way the README's first command does, and checks that what
 * it narrates really happened, from the caches' contents before and after each step; then the same demo
 * without the agent, where the narration must own up to the stale reads.
 */
class NarratedDemoIT {
  private static final Set<String> FILLED = Set.of("category:1", "category:2", "comment:post:1", "comment:post:2",
      "post:all", "tag:1", "tag:2");

  @Test
  void withTheAgentEveryCommittedWriteRemovesItsEntriesAndTheRollbackNone() throws Exception {
    DemoTranscript demo = run(true);
    assertNarratedInvalidations(demo, "removed from the caches");
    Map<String, String> counters = counters(demo);
    assertEquals("caffeine", counters.get("Strategy"));
    // Every key the demo saw disappear was removed by the agent, and no other (the caches were empty before).
    assertEquals("{caffeine=7}", counters.get("KeysRemovedByStrategy"));
  }

  /**
   * What the narration of a run with the agent must show, whatever the cache: each committed write took exactly
   * its names' entries ({@code removedWords} is how the narration says so), the rollback none.
   */
  static void assertNarratedInvalidations(DemoTranscript demo, String removedWords) {
    assertEquals(FILLED, demo.keysAfter("filled"));
    assertEquals("Books", demo.field("filled", "category:1", "name"));

    // update_category: the Category entries go, and nothing else.
    assertRemoved(demo, "filled", "committed", Set.of("category:1", "category:2"), "2. mutation { update_category",
        removedWords);
    assertEquals("Novels", demo.field("reread", "category:1", "name"));
    assertTrue(demo.step("2. ").get(2).contains("now reads \"Novels\": loaded from the database again"));

    // updatePost on the post-tag join table: Post and Tag entries.
    assertRemoved(demo, "reread", "many-to-many", Set.of("post:all", "tag:1", "tag:2"), "3. mutation { updatePost",
        removedWords);
    // the generated insert_comment: Comment entries.
    assertRemoved(demo, "many-to-many", "generated", Set.of("comment:post:1", "comment:post:2"),
        "4. mutation { insert_comment", removedWords);

    assertEquals("Music", demo.field("before-rollback", "category:2", "name"));
    assertEquals(demo.after("before-rollback"), demo.after("rolled-back"));
    List<String> rollback = demo.step("5. ");
    assertTrue(rollback.get(0).contains("failed (that name is taken) and was rolled back"), rollback.get(0));
    assertTrue(rollback.get(1).contains("the caches are unchanged (2 entries; category:2 still holds \"Music\")"),
        rollback.get(1));

    Map<String, String> counters = counters(demo);
    assertEquals("0", counters.get("InvalidationFailures"));
    assertTrue(Long.parseLong(counters.get("InvalidationsIssued")) >= 3, counters.toString());
  }

  @Test
  void withoutTheAgentTheNarrationShowsTheStaleReads() throws Exception {
    DemoTranscript demo = run(false);

    assertEquals(FILLED, demo.keysAfter("filled"));
    assertEquals(demo.after("filled"), demo.after("committed"));
    assertEquals("Books", demo.field("reread", "category:1", "name"));
    List<String> update = demo.step("2. ");
    assertTrue(update.get(1).contains("nothing was removed from the caches"), update.get(1));
    assertTrue(update.get(2).contains("still reads \"Books\" from the cache, but the database says \"Novels\": a stale"
        + " read"), update.get(2));

    assertEquals(demo.after("reread"), demo.after("many-to-many"));
    assertTrue(demo.after("many-to-many").get("post:all").contains("\"id\":2,\"title\":\"Playlists for long builds\","
        + "\"body\":\"Two hours of fugues.\",\"categoryId\":2,\"tagIds\":[1]"), "post 2's old tags stay cached");
    assertEquals(demo.after("many-to-many"), demo.after("generated"));
    assertTrue(demo.step("4. ").get(1).contains("nothing was removed"));

    assertEquals(demo.after("before-rollback"), demo.after("rolled-back"));
    assertTrue(demo.step("6. ").get(0).startsWith("6. No agent, no JMX counters"));
  }

  private static DemoTranscript run(boolean withAgent) throws Exception {
    return run(withAgent ? "" : null);
  }

  /**
   * Runs the demo; {@code agentArguments} null: without the agent, else with it and these arguments.
   */
  static DemoTranscript run(String agentArguments) throws Exception {
    boolean withAgent = agentArguments != null;
    try (BlogProcess sample = BlogProcess.start(agentArguments, "--demo-only", "--markers")) {
      DemoTranscript demo = new DemoTranscript(sample.awaitExit());
      assertFalse(sample.stderr().contains("Exception"), sample.stderr());
      assertFalse(sample.stderr().contains("WARN"), sample.stderr());
      assertEquals(withAgent ? "Agent attached." : "No agent attached: watch for stale reads.",
          demo.narration().get(1));
      return demo;
    }
  }

  /** The step removed exactly {@code expected}, left every other entry as it was, and narrated just that. */
  private static void assertRemoved(DemoTranscript demo, String beforeStep, String step, Set<String> expected,
      String headline, String removedWords) {
    TreeMap<String, String> before = demo.after(beforeStep);
    TreeMap<String, String> after = demo.after(step);
    assertEquals(expected, DemoTranscript.removed(before, after));
    before.keySet().stream().filter(key -> !expected.contains(key))
        .forEach(key -> assertEquals(before.get(key), after.get(key), key + " must be left as it was"));
    List<String> narrated = demo.step(headline.substring(0, 3));
    assertTrue(narrated.get(0).startsWith(headline), narrated.get(0));
    assertEquals("   committed; " + removedWords + ": " + String.join(", ", expected.stream().sorted().toList())
        + "  (kept: " + entries(after.size()) + ")", narrated.get(1));
  }

  private static String entries(int count) {
    return count == 1 ? "1 entry" : count + " entries";
  }

  /** The JMX counters the demo printed, by name. */
  static Map<String, String> counters(DemoTranscript demo) {
    String line = demo.step("6. The agent's JMX counters").get(1);
    Map<String, String> values = new TreeMap<>();
    Matcher matcher = Pattern.compile("(\\w+)=(\\{[^}]*}|\\S+)").matcher(line);
    while (matcher.find()) {
      values.put(matcher.group(1), matcher.group(2));
    }
    return values;
  }
}
