package dev.cacheinvalidation.it.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * graphql-java mutation detection end to end, on graphql-java 22 and 26 and every JDK: one forked JVM per
 * pair runs {@link GraphQlMutationScenario}, and every step's invalidations (source and names, exact count)
 * and removed Caffeine entries are compared with what the resolution rules and the unit-of-work rule say.
 */
class GraphQlMutationIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String AGENT_ARGS = "strategy=caffeine,log,jmx.enabled=false,tables.category=Category,"
      + "tables.tag=Tag,tables.blog_post=BlogPost,rules.Author=author:*,mutations.publishPost=Post";

  static Stream<Arguments> jdksAndVersions() {
    List<Arguments> out = new ArrayList<>();
    for (Path jdk : Jdks.all()) {
      out.add(Arguments.of(jdk, "graphql-22"));
      out.add(Arguments.of(jdk, "graphql-26"));
    }
    return out.stream();
  }

  @Test
  void unmappedFieldsInvalidateEveryRuleWhenAsked() throws Exception {
    try (ForkedProcess process = ForkedJvm.scenario(GraphQlMutationScenario.class).testbed("graphql-26")
        .args("unmapped-only").agentArgs(AGENT_ARGS + ",graphql.unmapped=all").start()) {
      process.awaitSuccess(TIMEOUT);
      String output = process.describe();
      assertEquals("graphql:P(author:*)|author:1", process.reported("unmapped"), output);
      assertEquals("graphql:N(Tag)|tag:1", process.reported("mapped"), output);
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("jdksAndVersions")
  void mutationsInvalidateTheirNamesOnce(Path jdk, String testbed) throws Exception {
    try (ForkedProcess process = ForkedJvm.scenario(GraphQlMutationScenario.class).testbed(testbed).jdk(jdk)
        .agentArgs(AGENT_ARGS).start()) {
      process.awaitSuccess(TIMEOUT);
      String output = process.describe();
      assertEquals("true", process.reported("done"), output);

      // The application's instrumentation is kept and observes every execution; the agent's is chained once,
      // even when the builder is built twice.
      assertEquals("Chained[CountingInstrumentation, CacheInvalidationInstrumentation]",
          process.reported("instrumentation.first"), output);
      assertEquals(process.reported("instrumentation.first"), process.reported("instrumentation.second"), output);
      assertEquals("CacheInvalidationInstrumentation", process.reported("instrumentation.crud"), output);
      assertEquals("18/18", process.reported("app.executions"), output);

      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("query", "none|");
      expected.put("payload", "graphql:N(Category)|category:1");
      expected.put("payloadSecondBuild", "graphql:N(Category)|category:1");
      expected.put("returnType", "graphql:N(Category)|category:1");
      expected.put("convention", "graphql:N(Tag)|tag:1");
      expected.put("snakeCase", "graphql:N(Tag)|tag:1");
      expected.put("configured", "graphql:N(Post)|post:1");
      expected.put("aliases", "graphql:N(Category, Tag)|category:1,tag:1");
      expected.put("fragmentsAndVariables", "graphql:N(Author, Tag)|author:1,tag:1");
      expected.put("operationNameMutation", "graphql:N(Author)|author:1");
      expected.put("operationNameQuery", "none|");
      expected.put("fieldError", "graphql:N(Category)|category:1");
      expected.put("invalid", "none|");
      expected.put("async", "graphql:N(Tag)|tag:1");
      expected.put("unmapped", "none|");
      expected.put("unmappedAgain", "none|");
      // A commit inside the resolver invalidates once; the mutation's end does not repeat it.
      expected.put("jdbc", "other:N(Category)|category:1");
      // A commit on a thread the mutation is not current on is not seen: invalidated twice, by design.
      expected.put("jdbcOtherThread", "other:N(Category) graphql:N(Category)|category:1");
      for (String entity : GraphQlMutationScenario.CRUD_ENTITIES) {
        String line = "graphql:N(" + entity + ")|" + entity.toLowerCase() + ":1";
        for (String field : List.of("create" + entity, "update_" + CrudSchema.snake(entity),
            "delete_" + CrudSchema.snake(CrudSchema.plural(entity)), "bulkCreate" + CrudSchema.plural(entity))) {
          expected.put("crud." + field, line);
        }
      }
      Map<String, String> actual = new LinkedHashMap<>();
      expected.keySet().forEach(step -> actual.put(step, process.reported(step)));
      assertEquals(expected, actual, output);

      assertEquals("1", process.reported("fieldError.errors"), output);
      assertEquals("true", process.reported("invalid.errors"), output);
      assertEquals("otherThread=true tagCachedDuringFetch=true", process.reported("async.observed"), output);
      assertEquals("1", process.reported("unmapped.hints"), output);
      assertFalse(output.contains("LinkageError") || output.contains("NoSuchMethodError")
          || output.contains("cannot add the agent's graphql-java instrumentation"), output);
    }
  }
}
