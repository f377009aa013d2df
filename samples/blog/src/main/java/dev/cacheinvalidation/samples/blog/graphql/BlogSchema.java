package dev.cacheinvalidation.samples.blog.graphql;

import dev.cacheinvalidation.samples.blog.persistence.BlogDatabase;
import dev.cacheinvalidation.samples.blog.read.BlogReads;
import dev.cacheinvalidation.samples.blog.read.CategoryView;
import dev.cacheinvalidation.samples.blog.read.CommentView;
import dev.cacheinvalidation.samples.blog.read.PostView;
import dev.cacheinvalidation.samples.blog.write.BlogWrites;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds the blog's GraphQL engine: the hand-written schema ({@code graphql/blog.graphqls}) and the generated
 * CRUD part. Queries read through {@link BlogReads} (the caches); mutations write through {@link BlogWrites}
 * or, for the generated part, straight through JPA.
 */
public final class BlogSchema {
  private BlogSchema() {}

  public static GraphQL build(BlogDatabase database, BlogReads reads, BlogWrites writes) {
    GeneratedCrud generated = new GeneratedCrud(database);
    TypeDefinitionRegistry types = new SchemaParser().parse(handWrittenSchema());
    types.merge(new SchemaParser().parse(generated.schema()));
    HandWrittenMutations mutations = new HandWrittenMutations(writes);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .type("Query", query -> query
            .dataFetcher("categories", env -> reads.categories())
            .dataFetcher("category", env -> reads.category(Arguments.id(env, "id")))
            .dataFetcher("tags", env -> reads.tags())
            .dataFetcher("tag", env -> reads.tag(Arguments.id(env, "id")))
            .dataFetcher("posts", env -> {
              Long categoryId = Arguments.id(env, "category_id");
              return categoryId == null ? reads.posts() : reads.postsInCategory(categoryId);
            })
            .dataFetcher("post", env -> reads.post(Arguments.id(env, "id"))))
        .type("Category", category -> category
            .dataFetcher("posts", env -> reads.postsInCategory(env.<CategoryView>getSource().id())))
        .type("Post", post -> post
            .dataFetcher("category", env -> {
              Long categoryId = env.<PostView>getSource().categoryId();
              return categoryId == null ? null : reads.category(categoryId);
            })
            .dataFetcher("tags", env -> env.<PostView>getSource().tagIds().stream()
                .map(reads::tag).filter(Objects::nonNull).toList())
            .dataFetcher("comments", env -> reads.commentsOf(env.<PostView>getSource().id())))
        .type("Comment", comment -> comment
            .dataFetcher("post", env -> reads.post(env.<CommentView>getSource().postId())))
        .type("Mutation", mutation -> {
          mutations.wire(mutation);
          generated.wire(mutation);
          return mutation;
        })
        .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring);
    return GraphQL.newGraphQL(schema).build();
  }

  private static String handWrittenSchema() {
    try (InputStream in = BlogSchema.class.getResourceAsStream("/graphql/blog.graphqls")) {
      return new String(Objects.requireNonNull(in, "graphql/blog.graphqls").readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
