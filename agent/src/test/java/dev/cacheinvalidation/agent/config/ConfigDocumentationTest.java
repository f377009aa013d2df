package dev.cacheinvalidation.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps agent.properties, the README and {@link ConfigKeys} from drifting apart. */
class ConfigDocumentationTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern DOCUMENTED = Pattern.compile("^#?(invalidation\\.[a-z0-9.\\-]+)=(.*)$");

  private static Map<String, String> documentedKeys() throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("agent.properties"))) {
      Matcher matcher = DOCUMENTED.matcher(line.trim());
      if (matcher.matches()) {
        keys.put(matcher.group(1), matcher.group(2));
      }
    }
    return keys;
  }

  @Test
  void everyKeyIsDocumentedWithItsDefault() throws Exception {
    Map<String, String> documented = documentedKeys();
    List<String> problems = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      String shown = documented.get(key.propertyName());
      if (shown == null) {
        problems.add(key.propertyName() + " is not in agent.properties");
      } else if (!shown.equals(key.defaultText())) {
        problems.add(key.propertyName() + " is documented as '" + shown + "' but defaults to '" + key.defaultText() + "'");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyDocumentedKeyIsKnown() throws Exception {
    List<String> unknown = new ArrayList<>();
    for (String key : documentedKeys().keySet()) {
      if (!ConfigKeys.isKnown(key.substring(ConfigKeys.PREFIX.length()))) {
        unknown.add(key);
      }
    }
    assertEquals(List.of(), unknown);
  }

  @Test
  void theShippedFileChangesNothing() {
    List<String> warnings = new ArrayList<>();
    AgentConfig config = ConfigLoader.builder().agentArguments("config=" + ROOT.resolve("agent.properties"))
        .warnings(warnings::add).build();
    assertEquals(List.of(), warnings);
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      assertEquals(key.parse(key.defaultText()), config.get(key), key.propertyName());
    }
  }

  @Test
  void readmeListsEveryKey() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> missing = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.all().values()) {
      if (!readme.contains("`" + key.propertyName() + "`")) {
        missing.add(key.propertyName());
      }
    }
    for (String prefix : ConfigKeys.DYNAMIC_PREFIXES) {
      if (!readme.contains("`" + ConfigKeys.PREFIX + prefix)) {
        missing.add(ConfigKeys.PREFIX + prefix + "<name>");
      }
    }
    assertTrue(missing.isEmpty(), "README.md does not list: " + missing);
  }
}
