package dev.cacheinvalidation.it.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.it.harness.Scenario;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forked JVM, any graphql-java from 22 on: runs mutations, queries and edge cases against a hand-written and a
 * generated schema, and reports for each step what was invalidated ({@code graphql:N(..)} from the GraphQL
 * source, {@code other:N(..)} from a JDBC commit) and which Caffeine entries are gone, as
 * {@code @@ <step>=<invalidations>|<gone keys>}.
 */
public final class GraphQlMutationScenario {
  static final String URL = "jdbc:h2:mem:graphql;DB_CLOSE_DELAY=-1";
  static final List<String> KEYS = List.of("category:1", "tag:1", "author:1", "blogpost:1", "post:1");
  static final List<String> CRUD_ENTITIES = List.of("Category", "Tag", "Author", "BlogPost");

  private static final String SDL = """
      type Query { categories: [Category!]! }
      type Category { id: ID! name: String }
      type Author { id: ID! name: String }
      type CreateCategoryPayload { category: Category errors: [String] }
      type Mutation {
        createCategory(name: String!): CreateCategoryPayload
        renameCategory(id: ID!, name: String!): Category!
        deleteTags(ids: [ID!]!): Int
        create_tag(name: String!): Boolean
        publishPost(id: ID!): Boolean
        updateAuthor(id: ID!, name: String): Author
        failCategory(id: ID!): Category
        addTag(name: String!): Boolean
        jdbcCreateCategory(name: String!): Category
        jdbcAsyncCreateCategory(name: String!): Category
        login(user: String!): String
      }
      """;

  static final Cache<String, String> cache = Caffeine.newBuilder().build();
  static final Map<String, String> store = new ConcurrentHashMap<>();
  static final ExecutorService executor = Executors.newSingleThreadExecutor();
  static final AtomicInteger appExecutions = new AtomicInteger();
  static InvalidationLog log;
  static volatile String asyncObservation = "not run";
  static int handExecutions;

  public static void main(String[] args) throws Exception {
    log = InvalidationLog.install();
    try (Connection connection = DriverManager.getConnection(URL)) {
      connection.createStatement().execute("create table category (id int auto_increment primary key, name varchar(50))");
    }
    if (args.length > 0 && args[0].equals("unmapped-only")) {
      GraphQL engine = GraphQL.newGraphQL(handSchema()).build();
      log.drain();
      step("unmapped", engine, "mutation { login(user: \"u\") }", null, Map.of());
      step("mapped", engine, "mutation { deleteTags(ids: [1]) }", null, Map.of());
      Scenario.report("done", true);
      return;
    }
    GraphQL.Builder builder = GraphQL.newGraphQL(handSchema()).instrumentation(new CountingInstrumentation());
    GraphQL first = builder.build();
    GraphQL second = builder.build();
    GraphQL crud = GraphQL.newGraphQL(CrudSchema.schema(CRUD_ENTITIES)).build();
    Scenario.report("instrumentation.first", describe(first.getInstrumentation()));
    Scenario.report("instrumentation.second", describe(second.getInstrumentation()));
    Scenario.report("instrumentation.crud", describe(crud.getInstrumentation()));
    log.drain();

    step("query", first, "query { categories { id } }", null, Map.of());
    step("payload", first, "mutation { createCategory(name: \"a\") { category { id } errors } }", null, Map.of());
    step("payloadSecondBuild", second, "mutation { createCategory(name: \"a\") { errors } }", null, Map.of());
    step("returnType", second, "mutation { renameCategory(id: 1, name: \"b\") { id } }", null, Map.of());
    step("convention", second, "mutation { deleteTags(ids: [1]) }", null, Map.of());
    step("snakeCase", second, "mutation { create_tag(name: \"t\") }", null, Map.of());
    step("configured", second, "mutation { publishPost(id: 1) }", null, Map.of());
    step("aliases", second, "mutation { a: createCategory(name: \"x\") { errors } b: deleteTags(ids: [2]) }",
        null, Map.of());
    step("fragmentsAndVariables", second, """
        mutation M($n: String!, $skip: Boolean!) {
          ...F
          ... on Mutation { create_tag(name: $n) }
          publishPost(id: 1) @skip(if: $skip)
        }
        fragment F on Mutation { updateAuthor(id: 1, name: $n) { id } }
        """, "M", Map.of("n", "v", "skip", true));
    String document = "mutation A { deleteTags(ids: [1]) } mutation B { updateAuthor(id: 1, name: \"z\") { id } }"
        + " query C { categories { id } }";
    step("operationNameMutation", second, document, "B", Map.of());
    step("operationNameQuery", second, document, "C", Map.of());
    ExecutionResult failed = step("fieldError", second, "mutation { failCategory(id: 1) { id } }", null, Map.of());
    Scenario.report("fieldError.errors", failed.getErrors().size());
    ExecutionResult invalid = step("invalid", second, "mutation { createCategory(nme: \"x\") { errors } }", null,
        Map.of());
    Scenario.report("invalid.errors", !invalid.getErrors().isEmpty());
    step("async", second, "mutation { addTag(name: \"a\") }", null, Map.of());
    Scenario.report("async.observed", asyncObservation);
    step("unmapped", second, "mutation { login(user: \"u\") }", null, Map.of());
    step("unmappedAgain", second, "mutation { login(user: \"u\") }", null, Map.of());
    Scenario.report("unmapped.hints", log.count("mutations.login="));
    step("jdbc", second, "mutation { jdbcCreateCategory(name: \"j\") { id } }", null, Map.of());
    step("jdbcOtherThread", second, "mutation { jdbcAsyncCreateCategory(name: \"k\") { id } }", null, Map.of());
    Scenario.report("app.executions", appExecutions.get() + "/" + handExecutions);

    for (Map.Entry<String, String> mutation : CrudSchema.mutations(CRUD_ENTITIES).entrySet()) {
      step("crud." + mutation.getKey(), crud, mutation.getValue(), null, Map.of());
    }
    executor.shutdown();
    Scenario.report("done", true);
  }

  private static ExecutionResult step(String name, GraphQL engine, String query, String operationName,
      Map<String, Object> variables) {
    if (!name.startsWith("crud.")) {
      handExecutions++;
    }
    cache.invalidateAll();
    KEYS.forEach(key -> cache.put(key, "cached"));
    log.drain();
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query).variables(variables);
    if (operationName != null) {
      input.operationName(operationName);
    }
    ExecutionResult result = engine.executeAsync(input.build()).join();
    TreeSet<String> gone = new TreeSet<>();
    for (String key : KEYS) {
      if (cache.getIfPresent(key) == null) {
        gone.add(key);
      }
    }
    Scenario.report(name, log.drain() + "|" + String.join(",", gone));
    return result;
  }

  private static GraphQLSchema handSchema() {
    TypeRuntimeWiring.Builder mutation = TypeRuntimeWiring.newTypeWiring("Mutation")
        .dataFetcher("createCategory", env -> {
          store.put("category:" + store.size(), env.getArgument("name"));
          return Map.of("category", Map.of("id", "1", "name", env.getArgument("name")), "errors", List.of());
        })
        .dataFetcher("renameCategory", env -> Map.of("id", env.getArgument("id"), "name", env.getArgument("name")))
        .dataFetcher("deleteTags", env -> ((List<?>) env.getArgument("ids")).size())
        .dataFetcher("create_tag", env -> store.put("tag", env.getArgument("name")) == null || true)
        .dataFetcher("publishPost", env -> true)
        .dataFetcher("updateAuthor", env -> Map.of("id", env.getArgument("id")))
        .dataFetcher("failCategory", env -> {
          throw new IllegalStateException("write failed half-way");
        })
        .dataFetcher("addTag", env -> {
          String caller = Thread.currentThread().getName();
          return CompletableFuture.supplyAsync(() -> {
            store.put("tag", env.getArgument("name"));
            asyncObservation = "otherThread=" + !Thread.currentThread().getName().equals(caller)
                + " tagCachedDuringFetch=" + (cache.getIfPresent("tag:1") != null);
            return true;
          }, executor);
        })
        .dataFetcher("jdbcCreateCategory", env -> insertCategory(env.getArgument("name")))
        .dataFetcher("jdbcAsyncCreateCategory", (DataFetcher<Object>) env -> CompletableFuture.supplyAsync(
            () -> insertCategory(env.getArgument("name")), executor))
        .dataFetcher("login", env -> "token");
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .type(TypeRuntimeWiring.newTypeWiring("Query").dataFetcher("categories", env -> List.of()))
        .type(mutation)
        .build();
    return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
  }

  /** A resolver that writes through plain JDBC in a transaction. */
  private static Map<String, Object> insertCategory(String name) {
    try (Connection connection = DriverManager.getConnection(URL)) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("insert into category (name) values (?)")) {
        insert.setString(1, name);
        insert.executeUpdate();
      }
      connection.commit();
      return Map.of("id", "1", "name", name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Instrumentation instrumentation) {
    if (instrumentation instanceof ChainedInstrumentation chained) {
      List<String> members = new ArrayList<>();
      chained.getInstrumentations().forEach(member -> members.add(describe(member)));
      return "Chained" + members;
    }
    return instrumentation.getClass().getSimpleName();
  }

  /** The application's own instrumentation: counts executions. */
  static final class CountingInstrumentation extends SimplePerformantInstrumentation {
    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
        InstrumentationState state) {
      appExecutions.incrementAndGet();
      return null;
    }
  }
}
