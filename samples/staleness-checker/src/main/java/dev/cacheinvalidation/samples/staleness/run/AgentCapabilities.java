package dev.cacheinvalidation.samples.staleness.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Which settings the built agent jar acts on: a {@code ConfigKeys} field (say {@code CAFFEINE_BROADCAST}) that
 * some other agent class reads appears by name in that class's constant pool. A key declared but not yet used
 * does not count. Lets the checker report a mode whose feature is not in this build as "not run" instead of
 * running it with the setting silently ignored. Immutable.
 */
final class AgentCapabilities {
  private final String constants;

  private AgentCapabilities(String constants) {
    this.constants = constants;
  }

  static AgentCapabilities of(Path agentJar) throws IOException {
    StringBuilder all = new StringBuilder();
    try (JarFile jar = new JarFile(agentJar.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith("dev/cacheinvalidation/agent/") && name.endsWith(".class")
            && !name.startsWith("dev/cacheinvalidation/agent/config/ConfigKeys")) {
          try (InputStream in = jar.getInputStream(entry)) {
            all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
          }
        }
      }
    }
    return new AgentCapabilities(all.toString());
  }

  /** The first of {@code fields} (ConfigKeys field names) no agent class uses, or {@code null}. */
  String missing(Iterable<String> fields) {
    for (String field : fields) {
      if (!constants.contains(field)) {
        return field;
      }
    }
    return null;
  }
}
