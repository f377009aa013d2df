package dev.cacheinvalidation.samples.blog.graphql;

import dev.cacheinvalidation.samples.blog.write.BlogException;
import dev.cacheinvalidation.samples.blog.write.BlogWrites;
import dev.cacheinvalidation.samples.blog.write.PostDraft;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The schema's hand-written mutations, each under its snake_case and its camelCase name. They answer
 * payloads in the style {@code { ok, <entity>, errors }}: a refused write is {@code ok: false} with the
 * reason, not a GraphQL error. Stateless apart from the writes it calls; thread-safe.
 */
final class HandWrittenMutations {
  private final BlogWrites writes;

  HandWrittenMutations(BlogWrites writes) {
    this.writes = writes;
  }

  void wire(TypeRuntimeWiring.Builder mutation) {
    Map<String, DataFetcher<?>> fetchers = new LinkedHashMap<>();
    fetchers.put("create_category", payload("category", env -> {
      Map<String, Object> input = Arguments.input(env, "input");
      return writes.createCategory((String) input.get("name"), (String) input.get("description"));
    }));
    fetchers.put("update_category", payload("category", env -> {
      Map<String, Object> input = Arguments.input(env, "input");
      return writes.updateCategory(Arguments.id(env, "id"), (String) input.get("name"),
          (String) input.get("description"));
    }));
    fetchers.put("delete_category", deletion(id -> writes.deleteCategory(id)));
    fetchers.put("create_tag", payload("tag", env -> writes.createTag(Arguments.string(env, "name"))));
    fetchers.put("update_tag", payload("tag",
        env -> writes.updateTag(Arguments.id(env, "id"), Arguments.string(env, "name"))));
    fetchers.put("delete_tag", deletion(id -> writes.deleteTag(id)));
    fetchers.put("create_post", payload("post", env -> writes.createPost(draft(Arguments.input(env, "input")))));
    fetchers.put("update_post", payload("post",
        env -> writes.updatePost(Arguments.id(env, "id"), draft(Arguments.input(env, "input")))));
    fetchers.put("delete_post", deletion(id -> writes.deletePost(id)));
    fetchers.put("create_comment", payload("comment", env -> writes.createComment(Arguments.id(env, "post_id"),
        Arguments.string(env, "author"), Arguments.string(env, "body"))));
    fetchers.put("delete_comment", deletion(id -> writes.deleteComment(id)));
    fetchers.forEach((snakeName, fetcher) -> {
      mutation.dataFetcher(snakeName, fetcher);
      mutation.dataFetcher(Arguments.camelCase(snakeName), fetcher);
    });
  }

  private static PostDraft draft(Map<String, Object> input) {
    return new PostDraft((String) input.get("title"), (String) input.get("body"),
        Arguments.id(Arguments.value(input, "category_id")), Arguments.ids(Arguments.value(input, "tag_ids")));
  }

  private static DataFetcher<Map<String, Object>> payload(String field,
      Function<DataFetchingEnvironment, Object> write) {
    return env -> {
      Map<String, Object> payload = new LinkedHashMap<>();
      try {
        payload.put(field, write.apply(env));
        payload.put("ok", true);
        payload.put("errors", List.of());
      } catch (BlogException refused) {
        payload.put("ok", false);
        payload.put("errors", List.of(refused.getMessage()));
      }
      return payload;
    };
  }

  private static DataFetcher<Map<String, Object>> deletion(java.util.function.LongConsumer delete) {
    return payload("id", env -> {
      long id = Arguments.id(env, "id");
      delete.accept(id);
      return id;
    });
  }
}
