package dev.cacheinvalidation.samples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.samples.springboot.RunningApplication.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the sample does, asserted the same way with and without the agent: every response and every value in
 * the database is identical (the agent changes no application behaviour). Where the two runs differ, the
 * test says how: a cached read after a committed write is fresh with the agent and stale without it, and
 * only the agent logs invalidations, one per name per unit of work, none on rollback.
 *
 * <p>One application (and one redis-server for its Redis cache) is started per subclass and shared by its
 * tests; each test writes rows of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBootSampleContract {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  RedisServer redis;
  RunningApplication app;

  /** Starts the executable jar, with or without the agent, its Redis cache on {@code redisUri}. */
  abstract RunningApplication startApplication(String redisUri) throws Exception;

  abstract boolean agentAttached();

  @BeforeAll
  void start() throws Exception {
    redis = RedisServer.start();
    app = startApplication(redis.uri());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  // --- Spring Data repository calls -------------------------------------------------------------------

  @Test
  void repositorySaveOfANewCategoryInvalidatesTheCategoriesCache() throws Exception {
    long existing = createCategory("existing");
    app.get("/api/categories/" + existing);
    assertTrue(cached("categories", existing), "a read fills the cache");

    int mark = app.invalidationCount();
    Response created = app.post("/api/categories", Map.of("name", "Gardening"));
    assertEquals(201, created.status());
    assertEquals("Gardening", app.get("/api/db/categories/" + created.id()).text("name"));

    assertEquals(!agentAttached(), cached("categories", existing), "the categories cache is cleared on commit");
    assertInvalidatedOnce(mark, "Category");
  }

  @Test
  void repositoryDeleteMakesTheCachedCategoryDisappear() throws Exception {
    long id = createCategory("doomed");
    assertEquals(200, app.get("/api/categories/" + id).status());

    int mark = app.invalidationCount();
    assertEquals(204, app.delete("/api/categories/" + id).status());
    assertEquals(404, app.get("/api/db/categories/" + id).status());

    assertEquals(agentAttached() ? 404 : 200, app.get("/api/categories/" + id).status(),
        "a deleted category is no longer served from the cache");
    assertInvalidatedOnce(mark, "Category");
  }

  @Test
  void repositoryDeleteAllOfManyCommentsInvalidatesCommentsOnce() throws Exception {
    long post = createPost("many comments", createCategory("talkative"));
    for (String text : List.of("one", "two", "three")) {
      app.post("/api/posts/" + post + "/comments", Map.of("text", text));
    }
    assertEquals(3, app.get("/api/posts/" + post + "/comments").body().size());

    int mark = app.invalidationCount();
    Response deleted = app.delete("/api/posts/" + post + "/comments");
    assertEquals(3, deleted.body().path("deleted").asInt());
    assertEquals(0, app.get("/api/db/posts/" + post + "/comments").body().size());

    assertEquals(agentAttached() ? 0 : 3, app.get("/api/posts/" + post + "/comments").body().size());
    assertInvalidatedOnce(mark, "Comment");
  }

  // --- the @Transactional service -----------------------------------------------------------------------

  @Test
  void transactionalRenameIsSeenByTheNextCachedRead() throws Exception {
    long id = createCategory("before");
    String before = app.get("/api/categories/" + id).text("name");

    int mark = app.invalidationCount();
    Response renamed = app.put("/api/categories/" + id, Map.of("name", before + "-renamed"));
    assertEquals(200, renamed.status());
    assertEquals(before + "-renamed", renamed.text("name"));
    assertEquals(before + "-renamed", app.get("/api/db/categories/" + id).text("name"));

    assertServed(app.get("/api/categories/" + id).text("name"), before + "-renamed", before);
    assertInvalidatedOnce(mark, "Category");
  }

  @Test
  void aRolledBackWriteInvalidatesNothing() throws Exception {
    long id = createCategory("steady");
    String name = app.get("/api/categories/" + id).text("name");

    int mark = app.invalidationCount();
    Response failed = app.put("/api/categories/" + id + "/failing", Map.of("name", "never"));
    assertEquals(409, failed.status());
    assertEquals(name, app.get("/api/db/categories/" + id).text("name"), "the UPDATE was rolled back");

    assertTrue(cached("categories", id), "the cache keeps its (still correct) entry");
    assertEquals(name, app.get("/api/categories/" + id).text("name"));
    assertEquals(List.of(), app.invalidationsSince(mark), "a rollback invalidates nothing");
  }

  @Test
  void cascadedCommentIsSeenInThePostsComments() throws Exception {
    long post = createPost("discussed", createCategory("cascades"));
    assertEquals(0, app.get("/api/posts/" + post + "/comments").body().size());
    assertEquals(0, app.get("/api/posts/" + post).body().path("comments").asInt());

    int mark = app.invalidationCount();
    assertEquals(201, app.post("/api/posts/" + post + "/comments", Map.of("text", "first!")).status());
    assertEquals(1, app.get("/api/db/posts/" + post + "/comments").body().size());

    assertServed(app.get("/api/posts/" + post + "/comments").body().size(), 1, 0);
    assertServed(app.get("/api/posts/" + post).body().path("comments").asInt(), 1, 0);
    assertInvalidatedOnce(mark, "Comment");
  }

  @Test
  void aJoinTableRowInvalidatesBothSidesOfTheManyToMany() throws Exception {
    long post = createPost("to be tagged", createCategory("joins"));
    long tag = createTag("joined");
    assertEquals(0, app.get("/api/posts/" + post).body().path("tags").size());
    assertTrue(cached("posts", post));

    int mark = app.invalidationCount();
    Response tagged = app.put("/api/posts/" + post + "/tags/" + tag, null);
    assertEquals(200, tagged.status());
    assertEquals(1, app.get("/api/db/posts/" + post).body().path("tags").size());

    assertServed(app.get("/api/posts/" + post).body().path("tags").size(), 1, 0);
    assertInvalidatedOnce(mark, "Post", "Tag");
  }

  @Test
  void deletingAPostDeletesItsCommentsAndJoinRows() throws Exception {
    long category = createCategory("cleanup");
    long tag = createTag("cleanup");
    long post = createPost("short-lived", category, tag);
    app.post("/api/posts/" + post + "/comments", Map.of("text", "bye"));
    assertEquals(1, app.get("/api/posts/" + post + "/comments").body().size());
    assertEquals(200, app.get("/api/posts/" + post).status());

    int mark = app.invalidationCount();
    assertEquals(204, app.delete("/api/posts/" + post).status());
    assertEquals(404, app.get("/api/db/posts/" + post).status());

    assertEquals(agentAttached() ? 404 : 200, app.get("/api/posts/" + post).status());
    assertServed(app.get("/api/posts/" + post + "/comments").body().size(), 0, 1);
    assertInvalidatedOnce(mark, "Post", "Comment", "Tag");
  }

  @Test
  void aWriteTouchesOnlyTheCachesItsRulesName() throws Exception {
    long category = createCategory("untouched");
    long post = createPost("untouched", category);
    long tag = createTag("renamed-by-bulk");
    app.get("/api/categories/" + category);
    app.get("/api/posts/" + post + "/comments");
    app.get("/api/tags/" + tag);
    app.get("/api/posts/" + post);

    app.post("/api/tags/upper-case", Map.of("name", "renamed-by-bulk"));

    Map<String, Set<String>> keys = app.cacheKeys(false);
    assertTrue(keys.get("categories").contains(String.valueOf(category)), keys.toString());
    assertTrue(keys.get("comments").contains(String.valueOf(post)), keys.toString());
    assertEquals(!agentAttached(), keys.get("tags").contains(String.valueOf(tag)), keys.toString());
    assertEquals(!agentAttached(), keys.get("posts").contains(String.valueOf(post)), keys.toString());
  }

  // --- JPQL bulk update and plain SQL ---------------------------------------------------------------------

  @Test
  void jpqlBulkUpdateIsSeenByTheNextCachedRead() throws Exception {
    String prefix = "bulk" + UNIQUE.incrementAndGet() + "-";
    long tag = createTag(prefix + "quiet");
    String quiet = app.get("/api/tags/" + tag).text("name");
    assertTrue(quiet.startsWith(prefix), quiet);

    int mark = app.invalidationCount();
    assertEquals(1, app.post("/api/tags/upper-case", Map.of("name", prefix)).body().path("updated").asInt());
    String loud = quiet.toUpperCase(java.util.Locale.ROOT);
    assertEquals(loud, app.get("/api/db/tags/" + tag).text("name"));

    assertServed(app.get("/api/tags/" + tag).text("name"), loud, quiet);
    assertInvalidatedOnce(mark, "Tag");
  }

  @Test
  void plainJdbcTemplateSqlIsSeenByTheNextCachedRead() throws Exception {
    long id = createCategory("sql");
    String before = app.get("/api/categories/" + id).text("name");

    int mark = app.invalidationCount();
    assertEquals(1, app.put("/api/jdbc/categories/" + id, Map.of("name", "by SQL")).body().path("updated").asInt());
    assertEquals("by SQL", app.get("/api/db/categories/" + id).text("name"));

    assertServed(app.get("/api/categories/" + id).text("name"), "by SQL", before);
    assertInvalidatedOnce(mark, "Category");
  }

  // --- GraphQL ----------------------------------------------------------------------------------------------

  @Test
  void graphQlQueriesInvalidateNothing() throws Exception {
    long id = createCategory("queried");
    int mark = app.invalidationCount();
    Response first = app.graphql("{ category(id: " + id + ") { id name } }");
    Response second = app.graphql("query Again { category(id: " + id + ") { name } }");
    assertEquals(app.get("/api/db/categories/" + id).text("name"),
        first.body().path("data").path("category").path("name").asText(), first.body().toString());
    assertEquals(first.body().path("data").path("category").path("name"),
        second.body().path("data").path("category").path("name"));
    assertEquals(List.of(), app.invalidationsSince(mark));
  }

  @Test
  void graphQlMutationThroughTheTransactionalServiceInvalidatesOnce() throws Exception {
    long id = createCategory("graph");
    String before = app.graphql("{ category(id: " + id + ") { name } }").body().path("data").path("category")
        .path("name").asText();

    int mark = app.invalidationCount();
    Response renamed = app.graphql("mutation { renameCategory(id: " + id + ", name: \"graphed\") { id name } }");
    assertEquals("graphed", renamed.body().path("data").path("renameCategory").path("name").asText(),
        renamed.body().toString());
    assertEquals("graphed", app.get("/api/db/categories/" + id).text("name"));

    String served = app.graphql("{ category(id: " + id + ") { name } }").body().path("data").path("category")
        .path("name").asText();
    assertServed(served, "graphed", before);
    assertInvalidatedOnce(mark, "Category");
  }

  @Test
  void graphQlMutationThroughARepositorySaveInvalidatesOnce() throws Exception {
    long tag = createTag("kept");
    app.get("/api/tags/" + tag);

    int mark = app.invalidationCount();
    Response created = app.graphql("mutation { createTag(name: \"from graphql\") { id name } }");
    assertEquals("from graphql", created.body().path("data").path("createTag").path("name").asText(),
        created.body().toString());

    assertEquals(!agentAttached(), cached("tags", tag));
    assertInvalidatedOnce(mark, "Tag");
  }

  @Test
  void graphQlMutationWritingThroughACascadeInvalidatesOnce() throws Exception {
    long post = createPost("graph comments", createCategory("graph-cascade"));
    assertEquals(0, app.get("/api/posts/" + post + "/comments").body().size());

    int mark = app.invalidationCount();
    Response added = app.graphql("mutation { addComment(postId: " + post + ", text: \"via graphql\") { id text } }");
    assertEquals("via graphql", added.body().path("data").path("addComment").path("text").asText(),
        added.body().toString());

    assertServed(app.get("/api/posts/" + post + "/comments").body().size(), 1, 0);
    assertInvalidatedOnce(mark, "Comment");
  }

  @Test
  void graphQlMutationWritingAJoinRowInvalidatesBothSidesOnce() throws Exception {
    long post = createPost("graph tags", createCategory("graph-joins"));
    long tag = createTag("graph-joined");
    app.graphql("{ post(id: " + post + ") { tags } }");
    app.get("/api/tags/" + tag);

    int mark = app.invalidationCount();
    Response tagged = app.graphql("mutation { tagPost(postId: " + post + ", tagId: " + tag + ") { id tags } }");
    assertEquals(1, tagged.body().path("data").path("tagPost").path("tags").size(), tagged.body().toString());

    Response served = app.graphql("{ post(id: " + post + ") { tags } }");
    assertServed(served.body().path("data").path("post").path("tags").size(), 1, 0);
    assertEquals(!agentAttached(), cached("tags", tag));
    assertInvalidatedOnce(mark, "Post", "Tag");
  }

  // --- the Redis cache ----------------------------------------------------------------------------------------

  @Test
  void aNewPostIsCountedByTheRedisCachedStatistics() throws Exception {
    long category = createCategory("counted");
    assertEquals(0, app.get("/api/categories/" + category + "/stats").body().path("posts").asInt());
    assertTrue(app.cacheKeys(true).get("category-stats").contains(String.valueOf(category)));

    int mark = app.invalidationCount();
    createPost("counted", category);
    assertEquals(1, app.get("/api/db/categories/" + category + "/stats").body().path("posts").asInt());

    assertEquals(!agentAttached(), app.cacheKeys(true).get("category-stats").contains(String.valueOf(category)),
        "the Redis entry is deleted on commit");
    assertServed(app.get("/api/categories/" + category + "/stats").body().path("posts").asInt(), 1, 0);
    assertInvalidatedOnce(mark, "Post");
  }

  @Test
  void aRolledBackWriteLeavesTheRedisCacheAlone() throws Exception {
    long category = createCategory("redis-steady");
    String name = app.get("/api/categories/" + category + "/stats").text("name");

    int mark = app.invalidationCount();
    assertEquals(409, app.put("/api/categories/" + category + "/failing", Map.of("name", "never")).status());

    assertTrue(app.cacheKeys(true).get("category-stats").contains(String.valueOf(category)));
    assertEquals(name, app.get("/api/categories/" + category + "/stats").text("name"));
    assertEquals(List.of(), app.invalidationsSince(mark));
  }

  @Test
  void aGraphQlRenameReachesTheRedisCache() throws Exception {
    long category = createCategory("redis-graph");
    String before = app.get("/api/categories/" + category + "/stats").text("name");

    int mark = app.invalidationCount();
    app.graphql("mutation { renameCategory(id: " + category + ", name: \"renamed in redis\") { id } }");

    assertServed(app.get("/api/categories/" + category + "/stats").text("name"), "renamed in redis", before);
    assertInvalidatedOnce(mark, "Category");
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  long createCategory(String name) throws Exception {
    return created(app.post("/api/categories", Map.of("name", unique(name))));
  }

  long createTag(String name) throws Exception {
    return created(app.post("/api/tags", Map.of("name", unique(name))));
  }

  long createPost(String title, long category, Long... tags) throws Exception {
    return created(app.post("/api/posts",
        Map.of("title", unique(title), "categoryId", category, "tagIds", Arrays.asList(tags))));
  }

  private static String unique(String name) {
    return name + "-" + UNIQUE.incrementAndGet();
  }

  private long created(Response response) {
    assertEquals(201, response.status(), response.body().toString());
    return response.id();
  }

  boolean cached(String cache, long key) throws Exception {
    return app.cacheKeys(false).get(cache).contains(String.valueOf(key));
  }

  /** A cached read after a committed write: fresh with the agent, stale without it. */
  void assertServed(Object served, Object fresh, Object stale) {
    assertEquals(agentAttached() ? fresh : stale, served,
        agentAttached() ? "the agent keeps the cache fresh" : "without the agent the cache serves stale data");
  }

  /**
   * With the agent: the write was invalidated exactly once, as one unit naming exactly {@code names}. Without
   * it: nothing was.
   */
  void assertInvalidatedOnce(int mark, String... names) throws Exception {
    List<Set<String>> invalidations = app.invalidationsSince(mark);
    if (!agentAttached()) {
      assertEquals(List.of(), invalidations);
      return;
    }
    Set<String> expected = new TreeSet<>();
    for (String name : names) {
      expected.add(name.toLowerCase(java.util.Locale.ROOT));
    }
    assertEquals(List.of(expected), invalidations, app.output());
    assertFalse(expected.isEmpty());
  }
}
