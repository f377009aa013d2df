package dev.cacheinvalidation.samples.blog.demo;

import dev.cacheinvalidation.samples.blog.cache.BlogCaches;
import dev.cacheinvalidation.samples.blog.json.Json;
import dev.cacheinvalidation.samples.blog.model.Category;
import dev.cacheinvalidation.samples.blog.persistence.BlogDatabase;
import dev.cacheinvalidation.samples.blog.read.CategoryView;
import dev.cacheinvalidation.samples.blog.write.BlogException;
import dev.cacheinvalidation.samples.blog.write.BlogWrites;
import graphql.ExecutionResult;
import graphql.GraphQL;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The short narrated demo printed at start-up: fill the caches with a query; commit mutations (snake_case,
 * camelCase with a many-to-many change, a generated CRUD one) and show which entries went; roll a JPA write
 * back and show the caches untouched; print the agent's JMX counters. Every claim is computed from the caches'
 * real contents before and after the step, so the same code tells the truth without the agent (the stale read).
 *
 * <p>With {@code markers}, each step also prints {@code @@caches <step> <json>}: the caches' full contents,
 * for the test that checks the narration. Not thread-safe: runs once, before the server starts.
 */
public final class NarratedDemo {
  private static final String AGENT_HINT =
      "run with -javaagent:agent/target/cache-invalidation-agent.jar to prevent it";

  private final GraphQL graphQl;
  private final BlogWrites writes;
  private final BlogDatabase database;
  private final BlogCaches caches;
  private final PrintStream out;
  private final boolean markers;
  private final boolean agentAttached = AgentCounters.agentAttached();

  public NarratedDemo(GraphQL graphQl, BlogWrites writes, BlogDatabase database, BlogCaches caches,
      PrintStream out, boolean markers) {
    this.graphQl = graphQl;
    this.writes = writes;
    this.database = database;
    this.caches = caches;
    this.out = out;
    this.markers = markers;
  }

  public void run() throws InterruptedException {
    out.println("Blog sample: Hibernate + H2 in memory, graphql-java, read caches in " + caches.description()
        + ", no invalidation code.");
    out.println(agentAttached ? "Agent attached." : "No agent attached: watch for stale reads.");

    SortedMap<String, String> before = caches.contents();
    String query = "{ category(id: 1) { name } posts { title category { name } tags { name } comments { author } } }";
    execute(query);
    SortedMap<String, String> after = snapshot("filled");
    say("1. query %s", query);
    say("   filled the caches: %s", String.join(", ", added(before, after)));

    committed(2, "committed", "update_category(id: 1, input: { name: \"Novels\" }) { ok }", "snake_case");
    String cached = stringAt(execute("{ category(id: 1) { name } }"), "category", "name");
    String stored = database.read(session -> session.find(Category.class, 1L).getName());
    snapshot("reread");
    say(cached.equals(stored)
        ? "   category 1 now reads \"%s\": loaded from the database again."
        : "   category 1 still reads \"%s\" from the cache, but the database says \"" + stored
            + "\": a stale read; " + AGENT_HINT + ".", cached);

    committed(3, "many-to-many", "updatePost(id: 2, input: { tag_ids: [1, 3] }) { ok }", "camelCase, many-to-many");
    committed(4, "generated", "insert_comment(object: { post_id: 1, author: \"grace\", body: \"The agent does.\" })"
        + " { id }", "generated CRUD");

    rollback();
    counters();
  }

  /** Runs a mutation and narrates which entries its commit removed. */
  private void committed(int number, String step, String field, String kind) {
    SortedMap<String, String> before = caches.contents();
    String mutation = "mutation { " + field + " }";
    execute(mutation);
    SortedMap<String, String> after = snapshot(step);
    say("%d. %s   (%s)", number, mutation, kind);
    List<String> removed = removed(before, after);
    say(removed.isEmpty()
        ? "   committed; nothing was removed from the caches: their entries are stale now ("
            + (agentAttached ? "see the agent's configuration" : "no agent") + ")."
        : "   committed; " + caches.removedWords() + ": " + String.join(", ", removed) + "  (kept: "
            + entries(after.size()) + ")");
  }

  private void rollback() {
    execute("{ category(id: 2) { name } }");
    SortedMap<String, String> before = snapshot("before-rollback");
    String outcome;
    try {
      writes.updateCategory(2, "Novels", null);
      outcome = "was committed";
    } catch (BlogException refused) {
      outcome = "failed (" + refused.getMessage() + ") and was rolled back";
    }
    SortedMap<String, String> after = snapshot("rolled-back");
    say("5. A JPA transaction renaming category 2 to \"Novels\" %s:", outcome);
    say(before.equals(after)
        ? "   the caches are unchanged (" + entries(after.size()) + "; category:2 still holds \""
            + Json.read(after.get("category:2"), CategoryView.class).name() + "\"), as they should be."
        : "   the caches changed: removed " + String.join(", ", removed(before, after)) + ".");
  }

  private void counters() throws InterruptedException {
    Map<String, Object> counters = AgentCounters.read(agentAttached ? 3_000 : 0);
    if (counters.isEmpty()) {
      say("6. No agent, no JMX counters; " + AGENT_HINT.replace("prevent it", "keep the caches right") + ".");
      return;
    }
    List<String> shown = new ArrayList<>();
    counters.forEach((name, value) -> shown.add(name + "=" + value));
    say("6. The agent's JMX counters (%s, schema and seed data included):", AgentCounters.OBJECT_NAME);
    say("   %s", String.join(" ", shown));
  }

  private Map<String, Object> execute(String query) {
    ExecutionResult result = graphQl.execute(query);
    if (!result.getErrors().isEmpty()) {
      throw new IllegalStateException("the demo's GraphQL request failed: " + result.getErrors());
    }
    return result.getData();
  }

  private SortedMap<String, String> snapshot(String step) {
    SortedMap<String, String> contents = caches.contents();
    if (markers) {
      out.println("@@caches " + step + " " + Json.write(contents));
    }
    return contents;
  }

  @SuppressWarnings("unchecked")
  private static String stringAt(Map<String, Object> data, String object, String field) {
    return (String) ((Map<String, Object>) data.get(object)).get(field);
  }

  private static List<String> added(SortedMap<String, String> before, SortedMap<String, String> after) {
    TreeSet<String> added = new TreeSet<>(after.keySet());
    added.removeAll(before.keySet());
    return List.copyOf(added);
  }

  private static List<String> removed(SortedMap<String, String> before, SortedMap<String, String> after) {
    return added(after, before);
  }

  private static String entries(int count) {
    return count == 1 ? "1 entry" : count + " entries";
  }

  private void say(String format, Object... arguments) {
    out.println(String.format(format, arguments));
  }
}
