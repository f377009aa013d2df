package dev.cacheinvalidation.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The JVM appends a {@code -javaagent} jar to the system class path, so every {@code ServiceLoader} of the
 * application also reads the agent jar's {@code META-INF/services}. A service file there for an interface
 * the agent does not relocate would offer the application a relocated class it cannot link (a
 * {@code NoClassDefFoundError} at the application's start: reactor-core's {@code io.micrometer.context.ContextAccessor}
 * entry did that to Spring for GraphQL). So each service file must name one of the agent's own types.
 */
class AgentJarServicesIT {
  private static final String SERVICES = "META-INF/services/";
  private static final String OWN = "dev.cacheinvalidation.";

  @Test
  void everyServiceFileIsForARelocatedInterface() throws Exception {
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      List<String> services = jar.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith(SERVICES) && name.length() > SERVICES.length()).toList();
      assertTrue(!services.isEmpty(), "the shaded libraries' own service files are kept");
      List<String> foreign = services.stream()
          .filter(name -> !name.substring(SERVICES.length()).startsWith(OWN)).toList();
      assertEquals(List.of(), foreign, "service files for interfaces the application owns");
    }
  }
}
