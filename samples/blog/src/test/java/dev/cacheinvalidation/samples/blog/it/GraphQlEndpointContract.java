package dev.cacheinvalidation.samples.blog.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The blog's behaviour over {@code /graphql}, checked on a serving sample ({@code --no-demo --port 0}). The
 * application tests must pass identically with and without the agent (it changes no behaviour); only
 * {@link #aCommittedWriteIsReadBackThroughTheCache} differs, by design: it is the stale read the agent
 * prevents. Each test uses its own rows, so the order of the tests does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GraphQlEndpointContract {
  private BlogProcess sample;
  private GraphQlClient client;

  abstract boolean withAgent();

  @BeforeAll
  void startServing() throws Exception {
    sample = BlogProcess.start(withAgent(), "--no-demo", "--port", "0");
    String listening = sample.awaitLine(line -> line.startsWith("listening on port "));
    client = new GraphQlClient(Integer.parseInt(listening.substring("listening on port ".length())));
  }

  @AfterAll
  void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
  }

  @Test
  void queriesReadTheSeededBlog() throws Exception {
    Map<String, Object> data = data(client.post(
        "{ post(id: 1) { title category { name } tags { name } comments { author body } } tag(id: 3) { name } }"));
    assertEquals(Map.of("title", "Caching without tears", "category", Map.of("name", "Books"),
        "tags", List.of(Map.of("name", "java"), Map.of("name", "caching")),
        "comments", List.of(Map.of("author", "ada", "body", "Nobody, usually."))), data.get("post"));
    assertEquals(Map.of("name", "graphql"), data.get("tag"));
    assertEquals(Map.of("post", Map.of("title", "Playlists for long builds")),
        data(client.get("{ post(id: 2) { title } }")));
  }

  @Test
  void snakeCaseAndCamelCaseMutationsWriteTheSameWay() throws Exception {
    Map<String, Object> snake = payload(client.post(
        "mutation { create_category(input: { name: \"Snake\", description: \"s\" }) { ok category { name } errors } }"),
        "create_category");
    assertEquals(Map.of("ok", true, "category", Map.of("name", "Snake"), "errors", List.of()), snake);
    Map<String, Object> camel = payload(client.post(
        "mutation { createCategory(input: { name: \"Camel\" }) { ok category { id name } errors } }"),
        "createCategory");
    assertEquals(true, camel.get("ok"));
    String id = (String) ((Map<?, ?>) camel.get("category")).get("id");

    Map<String, Object> post = payload(client.post("mutation { createPost(input: { title: \"Humps\", category_id: "
        + id + ", tag_ids: [2, 3] }) { ok post { id category { name } tags { name } } } }"), "createPost");
    Map<?, ?> created = (Map<?, ?>) post.get("post");
    assertEquals(Map.of("name", "Camel"), created.get("category"));
    assertEquals(List.of(Map.of("name", "caching"), Map.of("name", "graphql")), created.get("tags"));

    Map<String, Object> comment = payload(client.post("mutation { createComment(postId: " + created.get("id")
        + ", author: \"linus\", body: \"two humps\") { ok comment { author post { title } } } }"), "createComment");
    assertEquals(Map.of("author", "linus", "post", Map.of("title", "Humps")), comment.get("comment"));
    assertEquals(Map.of("ok", true, "id", created.get("id")), payload(client.post("mutation { delete_post(id: "
        + created.get("id") + ") { ok id } }"), "delete_post"));
    // Deleting again proves the row is gone (reading it would go through the cache: see the freshness test).
    assertEquals(List.of("no post with id " + created.get("id")), payload(client.post("mutation { deletePost(id: "
        + created.get("id") + ") { errors } }"), "deletePost").get("errors"));
  }

  @Test
  void aRefusedWriteAnswersItsReasonAndChangesNothing() throws Exception {
    Map<String, Object> taken = payload(client.post(
        "mutation { update_tag(id: 1, name: \"caching\") { ok tag { name } errors } }"), "update_tag");
    assertEquals(Map.of("ok", false, "errors", List.of("that name is taken")), withoutNulls(taken));
    Map<String, Object> missing = payload(client.post(
        "mutation { deleteCategory(id: 999) { ok errors } }"), "deleteCategory");
    assertEquals(Map.of("ok", false, "errors", List.of("no category with id 999")), missing);
    assertEquals(Map.of("name", "java"), data(client.post("{ tag(id: 1) { name } }")).get("tag"));
  }

  @Test
  void theGeneratedCrudMutationsInsertUpdateAndDelete() throws Exception {
    Map<String, Object> inserted =
        data(client.post("mutation { insert_tag(object: { name: \"generated\" }) { id name } }"));
    Map<?, ?> tag = (Map<?, ?>) inserted.get("insert_tag");
    assertEquals("generated", tag.get("name"));
    Map<String, Object> updated = data(client.post("mutation { update_tag_by_pk(id: " + tag.get("id")
        + ", _set: { name: \"regenerated\" }) { name } }"));
    assertEquals(Map.of("name", "regenerated"), updated.get("update_tag_by_pk"));
    Map<String, Object> post = data(client.post(
        "mutation { insert_post(object: { title: \"Generated\", category_id: 2 }) { id title category { name } } }"));
    assertEquals(Map.of("name", "Music"), ((Map<?, ?>) post.get("insert_post")).get("category"));
    assertEquals(Map.of("name", "regenerated"),
        data(client.post("mutation { delete_tag_by_pk(id: " + tag.get("id") + ") { name } }")).get("delete_tag_by_pk"));
    assertNull(data(client.post("mutation { delete_tag_by_pk(id: 999) { name } }")).get("delete_tag_by_pk"));
  }

  @Test
  void httpMistakesAreAnsweredWithAStatusAndAMessage() throws Exception {
    assertEquals(400, client.send("POST", "/graphql", "{not json").statusCode());
    assertEquals(400, client.send("POST", "/graphql", "{}").statusCode());
    assertEquals(405, client.send("PUT", "/graphql", "{}").statusCode());
    assertEquals(405, client.send("GET", "/graphql?query=mutation%7Bdelete_tag(id:1)%7Bok%7D%7D", null).statusCode());
    Map<String, Object> unknownField = client.post("{ nothing }");
    assertFalse(((List<?>) unknownField.get("errors")).isEmpty());
  }

  /**
   * Read a list through the cache, change it, read it again. With the agent the commit removed the cached list
   * and the new row is there; without it the cached list is served: the stale read.
   */
  @Test
  void aCommittedWriteIsReadBackThroughTheCache() throws Exception {
    client.post("{ categories { name } }");
    assertTrue(client.caches().containsKey("category:all"));
    payload(client.post("mutation { create_category(input: { name: \"Fresh\" }) { ok } }"), "create_category");

    assertEquals(!withAgent(), client.caches().containsKey("category:all"));
    List<?> names = (List<?>) data(client.post("{ categories { name } }")).get("categories");
    assertEquals(withAgent(), names.contains(Map.of("name", "Fresh")), names.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> response) {
    assertNull(response.get("errors"), () -> "errors: " + response.get("errors"));
    return (Map<String, Object>) response.get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payload(Map<String, Object> response, String field) {
    return (Map<String, Object>) data(response).get(field);
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> map) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
    copy.values().removeIf(java.util.Objects::isNull);
    return copy;
  }
}
