package dev.cacheinvalidation.it.graphql;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario-side: a CRUD-style schema generated the way schema generators name things, for a list of entities:
 * {@code createBlogPost: CreateBlogPostPayload}, {@code update_blog_post: BlogPost},
 * {@code delete_blog_posts: Int}, {@code bulkCreateBlogPosts: Int}. Resolvers write nowhere.
 */
final class CrudSchema {
  private CrudSchema() {}

  /** Mutation documents by field name, for every generated mutation field. */
  static Map<String, String> mutations(List<String> entities) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entity : entities) {
      out.put("create" + entity, "mutation { create" + entity + "(name: \"x\") { errors } }");
      out.put("update_" + snake(entity), "mutation { update_" + snake(entity) + "(id: 1, name: \"x\") { id } }");
      out.put("delete_" + snake(plural(entity)), "mutation { delete_" + snake(plural(entity)) + "(ids: [1]) }");
      out.put("bulkCreate" + plural(entity), "mutation { bulkCreate" + plural(entity) + "(names: [\"a\"]) }");
    }
    return out;
  }

  static GraphQLSchema schema(List<String> entities) {
    StringBuilder sdl = new StringBuilder("type Query { ping: String }\ntype Mutation {\n");
    for (String entity : entities) {
      sdl.append("  create").append(entity).append("(name: String): Create").append(entity).append("Payload\n")
          .append("  update_").append(snake(entity)).append("(id: ID!, name: String): ").append(entity).append('\n')
          .append("  delete_").append(snake(plural(entity))).append("(ids: [ID!]): Int\n")
          .append("  bulkCreate").append(plural(entity)).append("(names: [String!]): Int\n");
    }
    sdl.append("}\n");
    for (String entity : entities) {
      sdl.append("type ").append(entity).append(" { id: ID! name: String }\n")
          .append("type Create").append(entity).append("Payload { ").append(lowerFirst(entity)).append(": ")
          .append(entity).append(" errors: [String] }\n");
    }
    TypeRuntimeWiring.Builder mutation = TypeRuntimeWiring.newTypeWiring("Mutation");
    for (String entity : entities) {
      Map<String, Object> row = Map.of("id", "1", "name", "x");
      mutation.dataFetcher("create" + entity, env -> Map.of(lowerFirst(entity), row, "errors", List.of()));
      mutation.dataFetcher("update_" + snake(entity), env -> row);
      mutation.dataFetcher("delete_" + snake(plural(entity)), env -> 1);
      mutation.dataFetcher("bulkCreate" + plural(entity), env -> 1);
    }
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().type(mutation).build();
    return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl.toString()), wiring);
  }

  static String plural(String entity) {
    return entity.endsWith("y") ? entity.substring(0, entity.length() - 1) + "ies" : entity + "s";
  }

  static String snake(String camel) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c) && word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
      word.append(Character.toLowerCase(c));
    }
    words.add(word.toString());
    return String.join("_", words);
  }

  static String lowerFirst(String text) {
    return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
