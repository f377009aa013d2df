package dev.cacheinvalidation.samples.staleness.app;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A graphql-java mutation {@code updateItem(id, commit)} executed in-process; its resolver writes through
 * JDBC on this writer's connection. The before-commit hook travels in the GraphQL context.
 */
final class GraphQlItemWriter implements ItemWriter {
  private static final String SCHEMA = "type Query { ping: Int }\n"
      + "type Mutation { updateItem(id: ID!, commit: Boolean!): Float }\n";
  private static final String MUTATION =
      "mutation($id: ID!, $commit: Boolean!) { updateItem(id: $id, commit: $commit) }";

  private final JdbcItemWriter jdbc;
  private final GraphQL graphQl;

  GraphQlItemWriter(Connection connection) throws SQLException {
    this.jdbc = new JdbcItemWriter(connection);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .type("Mutation", type -> type.dataFetcher("updateItem", env -> {
          Runnable beforeCommit = env.getGraphQlContext().get("beforeCommit");
          long id = Long.parseLong(env.getArgument("id"));
          boolean commit = env.getArgument("commit");
          return (double) jdbc.write(id, commit, beforeCommit);
        }))
        .build();
    this.graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA),
        wiring)).build();
  }

  @Override
  public long write(long id, boolean commit, Runnable beforeCommit) {
    ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(MUTATION)
        .variables(Map.of("id", String.valueOf(id), "commit", commit))
        .graphQLContext(Map.of("beforeCommit", beforeCommit))
        .build());
    if (!result.getErrors().isEmpty()) {
      throw new IllegalStateException("updateItem failed: " + result.getErrors());
    }
    Map<String, Object> data = result.getData();
    return ((Number) data.get("updateItem")).longValue();
  }

  @Override
  public void close() throws SQLException {
    jdbc.close();
  }
}
