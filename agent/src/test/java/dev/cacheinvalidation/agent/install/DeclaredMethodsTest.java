package dev.cacheinvalidation.agent.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredMethodsTest {
  static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void findsAConcreteDeclaredMethodByName() throws IOException {
    // Constant pools with Long/Double entries, fields, and many methods with code attributes.
    assertTrue(DeclaredMethods.declaresConcrete(classFile(java.io.StringReader.class), Set.of("close")));
    assertTrue(DeclaredMethods.declaresConcrete(classFile(Long.class), Set.of("nope", "longValue")));
    assertTrue(DeclaredMethods.declaresConcrete(classFile(org.h2.jdbc.JdbcConnection.class), Set.of("commit")));
  }

  @Test
  void ignoresAbstractMethodsAndMethodsOnlyReferenced() throws IOException {
    // Statement declares close() abstract; Integer calls but does not declare methods named like these.
    assertFalse(DeclaredMethods.declaresConcrete(classFile(java.sql.Statement.class), Set.of("close")));
    assertFalse(DeclaredMethods.declaresConcrete(classFile(Integer.class), Set.of("close", "execute")));
    assertFalse(DeclaredMethods.declaresConcrete(classFile(java.util.AbstractList.class), Set.of("size")));
  }

  @Test
  void anUnreadableClassFileCountsAsDeclaring() throws IOException {
    byte[] truncated = Arrays.copyOf(classFile(Integer.class), 200);
    assertTrue(DeclaredMethods.declaresConcrete(truncated, Set.of("close")));
    assertTrue(DeclaredMethods.declaresConcrete(new byte[] {1, 2, 3}, Set.of("close")));
  }
}
