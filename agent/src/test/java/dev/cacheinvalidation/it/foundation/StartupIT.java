package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Start-up never hurts the host: a plain program runs normally, whatever the configuration. */
class StartupIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("dev.cacheinvalidation.it.harness.Jdks#all")
  void plainProgramRunsAndTheAgentSaysWhatItRuns(Path jdk) throws Exception {
    try (ForkedProcess process = ForkedJvm.scenario(HelloScenario.class).jdk(jdk).workingDirectory(dir).start()) {
      process.awaitSuccess(TIMEOUT);
      assertEquals("hello from the application", process.stdoutText(), "the agent must not write to stdout");
      String started = process.awaitStderr("started", TIMEOUT);
      assertTrue(started.contains("configuration from built-in defaults"), started);
      assertTrue(started.contains("strategy caffeine"), started);
      assertTrue(started.contains("sources jpa,jdbc,graphql"), started);
      assertFalse(process.stderrText().contains("WARNING"), "no JVM warnings: " + process.stderrText());
      assertEquals(1, process.stderrLines().size(), process.stderrText());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cacheinvalidation.it.harness.Jdks#all")
  void brokenConfigurationIsNamedAndTheProgramStillRuns(Path jdk) throws Exception {
    Path file = dir.resolve("broken.properties");
    Files.writeString(file, String.join("\n",
        "invalidation.await-ms=soon",
        "invalidation.strategy=nonsense",
        "invalidation.stratgy=log",
        "invalidation.redis.uri=http://user:hunter2@localhost",
        "invalidation.rules.Category=",
        "this line \\u00zz is not valid properties escaping"));
    try (ForkedProcess process = ForkedJvm.scenario(HelloScenario.class).jdk(jdk).agentArgs("config=" + file)
        .start()) {
      process.awaitSuccess(TIMEOUT);
      assertEquals("hello from the application", process.stdoutText());
      String stderr = process.stderrText();
      assertTrue(stderr.contains("invalidation.config: cannot read the configuration file"), stderr);
      assertTrue(stderr.contains("disabled") || stderr.contains("started"), stderr);
    }
    Files.writeString(file, String.join("\n",
        "invalidation.await-ms=soon",
        "invalidation.strategy=nonsense",
        "invalidation.stratgy=log",
        "invalidation.redis.uri=http://user:hunter2@localhost",
        "invalidation.rules.Category="));
    try (ForkedProcess process = ForkedJvm.scenario(HelloScenario.class).jdk(jdk).agentArgs("config=" + file)
        .start()) {
      process.awaitSuccess(TIMEOUT);
      assertEquals("hello from the application", process.stdoutText());
      String stderr = process.stderrText();
      assertTrue(stderr.contains("invalidation.await-ms: value 'soon'"), stderr);
      assertTrue(stderr.contains("invalidation.strategy: value 'nonsense'"), stderr);
      assertTrue(stderr.contains("did you mean invalidation.strategy?"), stderr);
      assertTrue(stderr.contains("invalidation.redis.uri"), stderr);
      assertTrue(stderr.contains("invalidation.rules.Category"), stderr);
      assertFalse(stderr.contains("hunter2"), "secrets are never logged: " + stderr);
      assertTrue(stderr.contains("started: configuration from file " + file), stderr);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.cacheinvalidation.it.harness.Jdks#all")
  void disabledAgentSaysSoOnceAndDoesNothing(Path jdk) throws Exception {
    try (ForkedProcess process = ForkedJvm.scenario(HelloScenario.class).jdk(jdk)
        .systemProperty("invalidation.enabled", "false").start()) {
      process.awaitSuccess(TIMEOUT);
      assertEquals("hello from the application", process.stdoutText());
      assertEquals(1, process.stderrLines().size(), process.stderrText());
      assertTrue(process.stderrText().startsWith("[cache-invalidation] disabled: invalidation.enabled=false"),
          process.stderrText());
    }
  }
}
