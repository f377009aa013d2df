package dev.cacheinvalidation.it.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import dev.cacheinvalidation.it.harness.Jdks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JPA/Hibernate write detection, end to end: {@link JpaScenario} on real Hibernate (6.6 and 7) over H2 and
 * PostgreSQL, on every JDK of {@link Jdks#all()}, one forked JVM per (JDK, Hibernate, database).
 *
 * <p>Each step's outcome is {@code <invalidated names>|<invalidations>}: exactly one invalidation per committed
 * transaction, with exactly the expected names, and none for a rollback. With sources {@code jpa} the JPA
 * detection stands alone (native SQL is then invisible); with {@code jpa,jdbc} the JDBC detection adds what
 * only SQL shows, mapped to entity names through the learned metamodel, still in one invalidation per commit.
 *
 * <p>PostgreSQL (127.0.0.1:5432, db test, user postgres) is required when {@code CI=true}; otherwise its runs
 * are skipped when the server does not answer.
 */
class JpaWriteDetectionIT {

  /** What every step must produce with JPA detection alone. */
  static final Map<String, String> JPA_ONLY = new LinkedHashMap<>();
  /** What changes when JDBC detection runs too. */
  static final Map<String, String> WITH_JDBC = new LinkedHashMap<>();

  static {
    JPA_ONLY.put("persist.beforeCommit", "");
    JPA_ONLY.put("persist", "category|1");
    JPA_ONLY.put("merge", "category|1");
    JPA_ONLY.put("dirty", "category|1");
    JPA_ONLY.put("remove", "category|1");
    JPA_ONLY.put("rollback", "|0");
    JPA_ONLY.put("flushRollback", "|0");
    // A callback's own connection is seen by the JDBC detection only.
    JPA_ONLY.put("otherConnectionInFlush", "|0");
    JPA_ONLY.put("bulkUpdate", "category|1");
    JPA_ONLY.put("bulkDelete", "comment|1");
    // A bulk statement on a root reaches its subclasses' rows.
    JPA_ONLY.put("bulkJoinedRoot", "animal,cat,dog|1");
    // Native SQL is only visible to the JDBC detection.
    JPA_ONLY.put("nativeUpdate", "|0");
    JPA_ONLY.put("secondaryTable", "|0");
    // The post's tags were never loaded, so Hibernate deletes its post_tags rows unseen: a join-table write.
    JPA_ONLY.put("cascadeRemove", "comment,post,tag|1");
    JPA_ONLY.put("tagAdd", "post,tag|1");
    JPA_ONLY.put("tagRemove", "post,tag|1");
    // A subclass write invalidates the subclass and its supertypes, never its siblings.
    JPA_ONLY.put("singleTablePersist", "car,vehicle|1");
    JPA_ONLY.put("singleTableDirty", "truck,vehicle|1");
    JPA_ONLY.put("joinedPersist", "animal,dog|1");
    JPA_ONLY.put("joinedDirty", "animal,cat|1");
    JPA_ONLY.put("statelessAutocommit", "category|1");
    JPA_ONLY.put("statelessTransaction", "category|1");

    WITH_JDBC.putAll(JPA_ONLY);
    WITH_JDBC.put("nativeUpdate", "category|1");
    WITH_JDBC.put("secondaryTable", "author|1");
    // Not part of the session's rolled-back transaction, though made inside its flush.
    WITH_JDBC.put("otherConnectionInFlush", "author|1");
    // SQL on a shared table (single table, joined root) cannot tell the subclass: the whole hierarchy goes.
    WITH_JDBC.put("singleTablePersist", "car,truck,vehicle|1");
    WITH_JDBC.put("singleTableDirty", "car,truck,vehicle|1");
    WITH_JDBC.put("joinedPersist", "animal,cat,dog|1");
  }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (Path jdk : Jdks.all()) {
      for (String testbed : List.of("hibernate-6.6", "hibernate-7")) {
        for (String database : List.of("h2", "postgresql")) {
          runs.add(Arguments.of(jdk, testbed, database));
        }
      }
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{1} on {2}, JDK {0}")
  @MethodSource("runs")
  void detectsEveryJpaWriteOncePerCommit(Path jdk, String testbed, String database) throws Exception {
    List<String> args = switch (database) {
      case "h2" -> List.of("jdbc:h2:mem:jpa;DB_CLOSE_DELAY=-1", "sa", "", "-");
      case "postgresql" -> {
        requirePostgres();
        yield List.of("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "",
            "jpa_it_" + testbed.replace("hibernate-", "h").replace(".", "_"));
      }
      default -> throw new IllegalArgumentException(database);
    };
    try (ForkedProcess process = ForkedJvm.scenario(JpaScenario.class).testbed(testbed).jdk(jdk)
        .agentArgs("strategy=caffeine,log").args(args.toArray(String[]::new)).start()) {
      process.awaitSuccess(Duration.ofMinutes(3));
      assertEquals("true", process.reported("done"), process::describe);
      String version = process.reported("hibernate");
      assertTrue(version != null && version.startsWith(testbed.substring("hibernate-".length())),
          () -> "ran Hibernate " + version + "\n" + process.describe());
      List<String> mismatches = new ArrayList<>();
      check(process, "jpa", JPA_ONLY, mismatches);
      check(process, "jpa,jdbc", WITH_JDBC, mismatches);
      if (!mismatches.isEmpty()) {
        fail(mismatches.size() + " step(s) differ:\n  " + String.join("\n  ", mismatches) + "\n"
            + process.describe());
      }
    }
  }

  private static void check(ForkedProcess process, String sources, Map<String, String> expected,
      List<String> mismatches) {
    expected.forEach((step, outcome) -> {
      String actual = process.reported(sources + "." + step);
      if (!outcome.equals(actual)) {
        mismatches.add(sources + "." + step + ": expected " + outcome + " but was " + actual);
      }
    });
  }

  private static void requirePostgres() {
    boolean reachable;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
      reachable = true;
    } catch (IOException e) {
      reachable = false;
    }
    if ("true".equals(System.getenv("CI")) && !reachable) {
      fail("postgresql is required on CI but 127.0.0.1:5432 does not answer");
    }
    Assumptions.assumeTrue(reachable, "postgresql not reachable at 127.0.0.1:5432; skipped (required when CI=true)");
  }
}
