package dev.cacheinvalidation.agent.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.instrumentation.api.Prefilter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassPrefilterTest {
  private final ClassPrefilter prefilter = new ClassPrefilter(
      List.of(Prefilter.named("org.example.Builder"), Prefilter.mentioning("java/sql/")));

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void exactNamesAndMentionsPassEverythingElseIsRejected() {
    assertTrue(prefilter.mightMatch("org/example/Builder", bytes("\u00ca\u00fe")));
    assertTrue(prefilter.mightMatch("org/h2/jdbc/JdbcStatement", bytes("xxLjava/sql/ResultSet;xx")));
    assertFalse(prefilter.mightMatch("org/example/Other", bytes("java/util/List")));
    assertFalse(prefilter.mightMatch("java/sql/Whatever", bytes("java/sql/")));
    assertFalse(prefilter.mightMatch("dev/cacheinvalidation/agent/X", bytes("java/sql/")));
    assertFalse(prefilter.mightMatch(null, bytes("java/sql/")));
  }

  @Test
  void needleAtTheVeryEnd() {
    assertTrue(ClassPrefilter.contains(bytes("abcjava/sql/"), bytes("java/sql/")));
    assertFalse(ClassPrefilter.contains(bytes("abcjava/sql"), bytes("java/sql/")));
  }
}
