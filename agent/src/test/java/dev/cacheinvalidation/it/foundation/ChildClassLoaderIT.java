package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Libraries loaded by an application class loader that is not the system one (Spring Boot's
 * {@code LaunchedClassLoader}, an application server's) are instrumented: Byte Buddy resolves their
 * super types through the loader that defines them, not through the agent's.
 */
class ChildClassLoaderIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void aDriverInAChildClassLoaderIsInstrumented() throws Exception {
    Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (ForkedProcess process = ForkedJvm.scenario(ChildLoaderJdbcScenario.class).agentArgs("strategy=log")
        .args(h2.toString()).start()) {
      process.awaitSuccess(TIMEOUT);
      assertEquals("[child_category]", process.reported("invalidated"), process.describe());
    }
  }
}
