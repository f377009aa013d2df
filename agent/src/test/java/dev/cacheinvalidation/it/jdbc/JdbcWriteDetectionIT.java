package dev.cacheinvalidation.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JDBC write detection end to end: {@link JdbcWritesScenario} runs against H2 (in memory), PostgreSQL and
 * MariaDB, each directly and through HikariCP, on every JDK, with strategies {@code caffeine,log}. Every step's
 * invalidations are asserted exactly (one log line per invalidation, with its names), and the application
 * cache is probed from the writing thread before and after commit.
 *
 * <p>PostgreSQL (127.0.0.1:5432, db test, user postgres) and MariaDB (127.0.0.1:3306, db test, root) are
 * required when {@code CI=true}; otherwise their runs are skipped when the server does not answer.
 */
class JdbcWriteDetectionIT {
  private static final String TX = "N(ci_a,ci_b,ci_c)";

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (Path jdk : Jdks.all()) {
      for (String driver : List.of("h2", "postgresql", "mariadb")) {
        runs.add(Arguments.of(jdk, driver, true));
      }
      // The same steps with every statement's and connection's state in the agent's weak maps, as for driver
      // classes loaded before a runtime attach.
      runs.add(Arguments.of(jdk, "h2", false));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{1} on {0}, field injection {2}")
  @MethodSource("runs")
  void detectsWritesAndCommits(Path jdk, String driver, boolean fieldInjection) throws Exception {
    requireServer(driver);
    String run = "r" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 35), 36);
    try (ForkedProcess process = ForkedJvm.scenario(JdbcWritesScenario.class).testbed("jdbc").jdk(jdk)
        .agentArgs("strategy=caffeine,log,on-ddl=schema:*,tables.ci_d_" + run + "d=Aliased,tables.ci_d_" + run
            + "h=Aliased,jmx.enabled=false,field-injection=" + fieldInjection)
        .args(driver, run).start()) {
      process.awaitSuccess(Duration.ofMinutes(3));
      assertEquals("true", process.reported("done"), process::describe);
      List<Executable> checks = new ArrayList<>();
      for (String mode : List.of("direct", "hikari")) {
        checks.addAll(checks(process, driver, mode));
        checks.add(() -> assertEquals(fieldInjection + "," + fieldInjection, process.reported(mode + ".slots"),
            mode + ": connection and statement classes carry the agent's field"));
      }
      checks.add(() -> assertEquals("none", process.reported("outside"), "invalidations outside any step"));
      long logged = process.stderrLines().stream().filter(line -> line.contains("invalidate #")).count();
      checks.add(() -> assertEquals(expectedLineCount(process), logged, "invalidate lines on stderr"));
      assertAll(driver + " " + jdk + "\n" + process.stdoutText(), checks);
    }
  }

  private static List<Executable> checks(ForkedProcess p, String driver, String mode) {
    List<Executable> checks = new ArrayList<>();
    String ddlLine = "P(schema:*)";
    expect(checks, p, mode + ".error", null);
    expect(checks, p, mode + ".setup", "N(ci_a) " + ddlLine + " N(ci_b) " + ddlLine + " N(ci_c) " + ddlLine
        + " N(Aliased) " + ddlLine);
    for (String step : List.of("insert", "update", "delete", "returning", "preparedReturning")) {
      expect(checks, p, mode + "." + step, "N(ci_a)");
      expect(checks, p, mode + "." + step + ".after", "gone");
    }
    // PostgreSQL data-modifying CTE, run with executeQuery.
    expect(checks, p, mode + ".cte", driver.equals("postgresql") ? "N(ci_b)" : null);
    expect(checks, p, mode + ".reads", "none");
    expect(checks, p, mode + ".failedSetup", "N(ci_b)");
    expect(checks, p, mode + ".failed", "none");
    // 50 writes over 3 tables: one invalidation of 3 names, after commit() returned and not before.
    expect(checks, p, mode + ".tx.before", "none present,present,present");
    expect(checks, p, mode + ".tx", TX);
    expect(checks, p, mode + ".tx.after", "gone,gone,gone");
    expect(checks, p, mode + ".rollback", "none");
    expect(checks, p, mode + ".rollback.after", "present");
    expect(checks, p, mode + ".savepoint.before", "none present,present,present");
    expect(checks, p, mode + ".savepoint", "N(ci_a,ci_c)");
    expect(checks, p, mode + ".savepoint.after", "gone,present,gone");
    expect(checks, p, mode + ".batch", "N(ci_a,ci_b)");
    expect(checks, p, mode + ".preparedBatch", "N(ci_c)");
    checks.add(() -> {
      // Drivers differ in whether they go on after the failing entry (H2, MariaDB) or roll the whole autocommit
      // batch back (PostgreSQL). Every table whose row stayed must be invalidated; the failed entry never is.
      String partial = p.reported(mode + ".partialBatch");
      String persisted = p.reported(mode + ".partialBatch.persisted");
      assertEquals("BatchUpdateException", p.reported(mode + ".partialBatch.error"));
      assertTrue(persisted.isEmpty() ? partial.equals("none") || partial.equals("N(ci_a)")
          : partial.equals("N(" + persisted + ")"), mode + ".partialBatch: " + partial + ", persisted " + persisted);
      assertTrue(!partial.contains("ci_b"), mode + ".partialBatch: " + partial);
    });
    expect(checks, p, mode + ".ddl", "N(ci_ddl) " + ddlLine);
    expect(checks, p, mode + ".ddl.after", "gone");
    expect(checks, p, mode + ".ddl.onDdl", "gone");
    expect(checks, p, mode + ".alias", "N(Aliased)");
    expect(checks, p, mode + ".alias.after", "gone");
    // H2, PostgreSQL and MariaDB (and HikariCP's proxy) roll an open transaction back on close.
    expect(checks, p, mode + ".close", "none");
    expect(checks, p, mode + ".close.after", "present");
    expect(checks, p, mode + ".close.persisted", "false");
    expect(checks, p, mode + ".autoCommitOn.before", "none present");
    expect(checks, p, mode + ".autoCommitOn", "N(ci_b)");
    expect(checks, p, mode + ".autoCommitOn.after", "gone");
    expect(checks, p, mode + ".teardown", "N(ci_a) " + ddlLine + " N(ci_b) " + ddlLine + " N(ci_c) " + ddlLine
        + " N(Aliased) " + ddlLine + " N(ci_ddl) " + ddlLine);
    return checks;
  }

  private static void expect(List<Executable> checks, ForkedProcess p, String key, String expected) {
    checks.add(() -> assertEquals(expected, p.reported(key), key));
  }

  /** Every reported step's lines, counted: the stderr total must match, so nothing was invalidated unseen. */
  private static long expectedLineCount(ForkedProcess p) {
    long count = 0;
    for (String line : p.stdoutLines()) {
      if (!line.startsWith("@@ ") || line.contains(".before=") || line.contains(".after=")
          || line.contains(".error=") || line.contains(".onDdl=") || line.contains(".persisted=")
          || line.contains("outside=")) {
        continue;
      }
      String value = line.substring(line.indexOf('=') + 1);
      for (String item : value.split(" ")) {
        if (item.startsWith("N(") || item.startsWith("P(")) {
          count++;
        }
      }
    }
    return count;
  }

  private static void requireServer(String driver) {
    int port = switch (driver) {
      case "postgresql" -> 5432;
      case "mariadb" -> 3306;
      default -> -1;
    };
    if (port < 0) {
      return;
    }
    boolean reachable;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      reachable = true;
    } catch (IOException e) {
      reachable = false;
    }
    if ("true".equals(System.getenv("CI"))) {
      if (!reachable) {
        fail(driver + " is required on CI but 127.0.0.1:" + port + " does not answer");
      }
      return;
    }
    Assumptions.assumeTrue(reachable, () -> driver.toLowerCase(Locale.ROOT) + " server not reachable at 127.0.0.1:"
        + port + "; skipped (required when CI=true)");
  }
}
